package dev.visionstream.app.metrics;

import io.prometheus.metrics.model.snapshots.PrometheusNaming;

/**
 * Maps Kafka metric names, groups and tags (dashed, dotted) onto Prometheus names ({@code [a-zA-Z0-9_]}).
 */
final class KafkaMetricNames {

    static final String PREFIX = "kafka_streams_";
    private static final String COUNTER_SUFFIX = "_total";

    private KafkaMetricNames() {
    }

    /** {@code kafka_streams_<group>_<name>}, sanitised; may end in {@code _total}. */
    static String exposedName(String group, String name) {
        return PREFIX + sanitize(group) + "_" + sanitize(name);
    }

    /**
     * Kafka names its cumulative sums and counts {@code ...-total}. Prometheus reserves that suffix for counters,
     * so such metrics are exported as counters (whose exposition adds the suffix back).
     */
    static boolean isCumulative(String exposedName) {
        return exposedName.endsWith(COUNTER_SUFFIX);
    }

    /**
     * The name a snapshot is built with: without {@code _total} for counters, and never ending in another reserved
     * suffix ({@code _created}, {@code _bucket}, {@code _info}), which the client library rejects.
     */
    static String snapshotName(String exposedName) {
        String name = isCumulative(exposedName)
                ? exposedName.substring(0, exposedName.length() - COUNTER_SUFFIX.length())
                : exposedName;
        return PrometheusNaming.validateMetricName(name) == null ? name : name + "_value";
    }

    /** A valid label name for a Kafka tag key; names starting with {@code __} are reserved by Prometheus. */
    static String labelName(String tagKey) {
        String name = sanitize(tagKey).replaceFirst("^_+", "");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "tag_" + name;
        }
        return name;
    }

    private static String sanitize(String text) {
        return text.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
