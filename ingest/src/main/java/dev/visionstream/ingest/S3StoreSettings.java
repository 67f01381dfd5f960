package dev.visionstream.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how an {@link S3ArtifactStore} reaches its bucket. Built with {@link #builder(String)}.
 *
 * @param endpoint      an S3-compatible endpoint such as {@code http://minio:9000}, or null for AWS itself
 * @param bucket        the bucket, which must exist
 * @param prefix        the key prefix objects live under ({@code <prefix>/sha256/...}, {@code <prefix>/named/...});
 *                      empty for the bucket's root
 * @param region        the signing region
 * @param pathStyle     {@code http://host/bucket/key} rather than {@code http://bucket.host/key}; most
 *                      self-hosted servers need it
 * @param accessKey     the access key, or null to take credentials from the SDK's default chain (environment,
 *                      profile, instance role)
 * @param secretKey     the secret key that goes with {@code accessKey}
 * @param attempts      tries per operation on an outage (connection refused, time-out, 5xx, throttling), 1 or more
 * @param firstBackoff  the pause after the first failed try; it doubles after each further one
 */
public record S3StoreSettings(URI endpoint, String bucket, String prefix, String region, boolean pathStyle,
                              String accessKey, String secretKey, int attempts, Duration firstBackoff) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_ATTEMPTS = 6;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(250);
    private static final String MASK = "****";

    public S3StoreSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("the S3 artifact store needs a bucket");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("the S3 access key and secret key go together: set both or neither");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("S3 attempts must be 1 or more, got " + attempts);
        }
        prefix = prefix == null ? "" : trimSlashes(prefix);
    }

    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    /** The object key of a store-relative key such as {@code sha256/<hex>.jpg}. */
    String objectKey(String storeKey) {
        return prefix.isEmpty() ? storeKey : prefix + "/" + storeKey;
    }

    /** The longest an operation retries an outage before it gives up (the pauses, not the tries themselves). */
    public Duration retryBudget() {
        Duration total = Duration.ZERO;
        for (int i = 0; i < attempts - 1; i++) {
            total = total.plus(firstBackoff.multipliedBy(1L << Math.min(i, 20)));
        }
        return total;
    }

    /** {@code s3://bucket/prefix}, with the endpoint when it is not AWS, for messages. */
    public String location() {
        return "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint);
    }

    /** One {@code name = value} line per setting, the secret key masked. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("s3.endpoint = " + (endpoint == null ? "AWS" : endpoint));
        lines.add("s3.bucket = " + bucket);
        lines.add("s3.prefix = " + prefix);
        lines.add("s3.region = " + region);
        lines.add("s3.path-style = " + pathStyle);
        lines.add("s3.access-key = " + (accessKey == null ? "(default credentials chain)" : accessKey));
        lines.add("s3.secret-key = " + (secretKey == null ? "(default credentials chain)" : MASK));
        lines.add("s3.attempts = " + attempts + " (first backoff " + firstBackoff.toMillis() + " ms, doubling; "
                + retryBudget().toMillis() + " ms of pauses at most)");
        return lines;
    }

    @Override
    public String toString() {
        return "S3StoreSettings" + describe();
    }

    private static String trimSlashes(String s) {
        String t = s.trim();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    public static final class Builder {
        private final String bucket;
        private URI endpoint;
        private String prefix = "";
        private String region = DEFAULT_REGION;
        private boolean pathStyle;
        private String accessKey;
        private String secretKey;
        private int attempts = DEFAULT_ATTEMPTS;
        private Duration firstBackoff = DEFAULT_FIRST_BACKOFF;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        public Builder endpoint(URI uri) {
            this.endpoint = uri;
            return this;
        }

        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder pathStyle(boolean value) {
            this.pathStyle = value;
            return this;
        }

        /** Static credentials; without them the SDK's default chain supplies them. */
        public Builder credentials(String access, String secret) {
            this.accessKey = access;
            this.secretKey = secret;
            return this;
        }

        public Builder retries(int tries, Duration backoff) {
            this.attempts = tries;
            this.firstBackoff = backoff;
            return this;
        }

        public S3StoreSettings build() {
            return new S3StoreSettings(endpoint, bucket, prefix, region, pathStyle, accessKey, secretKey, attempts,
                    firstBackoff);
        }
    }
}
