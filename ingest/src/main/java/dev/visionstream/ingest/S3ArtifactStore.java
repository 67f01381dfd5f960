package dev.visionstream.ingest;

import dev.visionstream.ingest.ArtifactException.Reason;
import dev.visionstream.schemas.ArtifactRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An {@link ArtifactStore} in an S3-compatible bucket, so that instances and consumers on other hosts resolve the
 * same references. It hands out and accepts the same URIs as {@link LocalArtifactStore} ({@link ArtifactUris}):
 * {@code artifact://sha256/<hex>.<ext>} lives at {@code <prefix>/sha256/<hex>.<ext>}, {@code artifact://named/<name>}
 * at {@code <prefix>/named/<name>}. A PUT replaces an object whole, so a retried write of the same bytes lands on
 * the same key and a reader never sees a partial artifact; every read checks the SHA-256.
 *
 * <p>An outage (no connection, a time-out, a 5xx answer, throttling) is retried {@link S3StoreSettings#attempts()}
 * times with a doubling pause, then fails with {@link Reason#IO}; rejected credentials and a missing bucket fail at
 * once with {@link Reason#IO} and a message that says so. The SDK's own retries are off, so this is the one policy.
 */
public final class S3ArtifactStore extends AbstractArtifactStore implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final S3StoreSettings settings;
    private final S3Client s3;

    private S3ArtifactStore(S3StoreSettings settings, S3Client s3) {
        this.settings = settings;
        this.s3 = s3;
    }

    /** A store on {@code settings}' bucket; nothing is sent until the first operation. */
    public static S3ArtifactStore open(S3StoreSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT).build())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // whole-payload signing: aws-chunked uploads are not understood by every S3-compatible server
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // the SHA-256 check on read is the integrity check; CRC trailers are not spoken by every S3 server
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new S3ArtifactStore(settings, builder.build());
    }

    private static AwsCredentialsProvider credentials(S3StoreSettings settings) {
        if (settings.accessKey() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public S3StoreSettings settings() {
        return settings;
    }

    @Override
    protected byte[] read(String uri) {
        String key = objectKey(uri);
        return withRetries("reading " + uri, () -> s3.getObjectAsBytes(
                r -> r.bucket(settings.bucket()).key(key)).asByteArray(), uri);
    }

    /**
     * Writes a small named object, reads it back, checks it and deletes it: what {@code vision doctor} and the
     * service's start-up check run.
     *
     * @throws ArtifactException with what failed
     */
    public void probe() {
        byte[] probe = ("probe " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        ArtifactRef ref = put("probe/" + System.nanoTime() + ".txt", probe, "text/plain");
        get(ref);
        String key = objectKey(ref.uri());
        withRetries("deleting " + ref.uri(), () -> s3.deleteObject(r -> r.bucket(settings.bucket()).key(key)),
                ref.uri());
    }

    /** {@code s3://bucket/prefix}, for messages. */
    public String location() {
        return settings.location();
    }

    @Override
    protected void write(String uri, byte[] bytes, String contentType) {
        String key = objectKey(uri);
        withRetries("writing " + uri, () -> s3.putObject(r -> r.bucket(settings.bucket()).key(key)
                .contentType(contentType), RequestBody.fromBytes(bytes)), uri);
    }

    private String objectKey(String uri) {
        return settings.objectKey(ArtifactUris.parse(uri).key());
    }

    private <T> T withRetries(String what, Supplier<T> operation, String uri) {
        Duration pause = settings.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (S3Exception e) {
                if (!retryable(e) || attempt >= settings.attempts()) {
                    throw failure(what, uri, e, attempt);
                }
            } catch (SdkClientException e) {
                if (attempt >= settings.attempts()) {
                    throw failure(what, uri, e, attempt);
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArtifactException(Reason.IO, what + " in " + location() + " was interrupted", e);
            }
            pause = pause.multipliedBy(2);
        }
    }

    private static boolean retryable(S3Exception e) {
        return e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException();
    }

    private ArtifactException failure(String what, String uri, SdkException e, int attempts) {
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
            if ("NoSuchKey".equals(code) || (s.statusCode() == 404 && !"NoSuchBucket".equals(code))) {
                return new ArtifactException(Reason.MISSING, uri + " is not in the store at " + location(), e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new ArtifactException(Reason.IO, what + " failed: bucket '" + settings.bucket()
                        + "' does not exist at " + endpoint(), e);
            }
            if (s.statusCode() == 403 || code.contains("AccessKey") || code.contains("Signature")) {
                return new ArtifactException(Reason.IO, what + " failed: " + endpoint() + " rejected the credentials"
                        + " (" + code + "; check the access key and secret key)", e);
            }
            return new ArtifactException(Reason.IO, what + " in " + location() + " failed after " + attempts
                    + " attempt(s): HTTP " + s.statusCode() + " " + code, e);
        }
        return new ArtifactException(Reason.IO, what + " in " + location() + " failed after " + attempts
                + " attempt(s) over " + settings.retryBudget().toMillis() + " ms: " + e.getMessage(), e);
    }

    private String endpoint() {
        return settings.endpoint() == null ? "S3" : settings.endpoint().toString();
    }

    @Override
    public void close() {
        s3.close();
    }
}
