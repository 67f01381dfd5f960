package dev.visionstream.app.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Exposes Kafka Streams' own metrics (its threads, tasks, processors, stores and embedded clients) to Prometheus,
 * read afresh on every scrape so that threads and tasks that come and go are always current.
 * <p>
 * Each Kafka metric becomes {@code kafka_streams_<group>_<name>} with its tags as labels: a gauge, or a counter when
 * Kafka names it {@code ...-total}. Metrics that share a name form one family; where their tag keys differ, the
 * missing labels are set to {@code ""} (which Prometheus treats as absent) so every sample of a family has the same
 * label names. Non-numeric and NaN values are left out.
 * <p>
 * RocksDB's own store metrics (those tagged {@code rocksdb-...-id}) are left out unread: their gauges call into the
 * native store, and a scrape that reads one while a rebalance closes that store crashes the JVM (SIGSEGV in
 * {@code DBImpl::GetAggregatedIntProperty}, seen when an instance rejoined its group in the fault tests).
 */
public final class KafkaStreamsMetricsCollector implements MultiCollector {

    private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;

    public KafkaStreamsMetricsCollector(Supplier<? extends Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    public static KafkaStreamsMetricsCollector of(KafkaStreams streams) {
        return new KafkaStreamsMetricsCollector(streams::metrics);
    }

    @Override
    public MetricSnapshots collect() {
        return toSnapshots(metrics.get());
    }

    static MetricSnapshots toSnapshots(Map<MetricName, ? extends Metric> metrics) {
        SortedMap<String, Family> families = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (readsNativeStore(entry.getKey())) {
                continue;
            }
            Object value = entry.getValue().metricValue();
            if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
                continue;
            }
            MetricName name = entry.getKey();
            String exposedName = KafkaMetricNames.exposedName(name.group(), name.name());
            boolean cumulative = KafkaMetricNames.isCumulative(exposedName);
            Family family = families.computeIfAbsent(KafkaMetricNames.snapshotName(exposedName),
                    snapshotName -> new Family(snapshotName, cumulative, name.description()));
            // A gauge and a counter that sanitise to the same name cannot share a family; the first one seen wins.
            if (family.cumulative == cumulative) {
                family.add(labelsOf(name.tags()), number.doubleValue());
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Family family : families.values()) {
            if (!family.samples.isEmpty()) {
                snapshots.add(family.toSnapshot());
            }
        }
        return new MetricSnapshots(snapshots);
    }

    /** A RocksDB property or statistic of one store, read from native memory the store frees when it closes. */
    static boolean readsNativeStore(MetricName name) {
        return name.tags().keySet().stream().anyMatch(k -> k.startsWith("rocksdb-") && k.endsWith("-id"));
    }

    private static SortedMap<String, String> labelsOf(Map<String, String> tags) {
        SortedMap<String, String> labels = new TreeMap<>();
        // Two tag keys that sanitise to the same label name would be a duplicate label; keep the first.
        tags.forEach((key, value) -> labels.putIfAbsent(KafkaMetricNames.labelName(key), value == null ? "" : value));
        return labels;
    }

    private record Sample(SortedMap<String, String> labels, double value) {
    }

    /** The samples of one Prometheus metric family, gathered before their common label names are known. */
    private static final class Family {
        final String name;
        final boolean cumulative;
        final String help;
        final List<Sample> samples = new ArrayList<>();
        final SortedSet<String> labelNames = new TreeSet<>();

        Family(String name, boolean cumulative, String description) {
            this.name = name;
            this.cumulative = cumulative;
            this.help = description == null || description.isBlank() ? null : description;
        }

        void add(SortedMap<String, String> labels, double value) {
            // Counters must be finite and non-negative; anything else is not a count, so it is left out.
            if (cumulative && (value < 0 || Double.isInfinite(value))) {
                return;
            }
            samples.add(new Sample(labels, value));
            labelNames.addAll(labels.keySet());
        }

        MetricSnapshot toSnapshot() {
            Set<Labels> seen = new HashSet<>();
            if (cumulative) {
                CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
                for (Sample sample : samples) {
                    Labels labels = padded(sample.labels());
                    if (seen.add(labels)) {
                        builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(labels).value(sample.value()).build());
                    }
                }
                return builder.build();
            }
            GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
            for (Sample sample : samples) {
                Labels labels = padded(sample.labels());
                if (seen.add(labels)) {
                    builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(labels).value(sample.value()).build());
                }
            }
            return builder.build();
        }

        private Labels padded(SortedMap<String, String> labels) {
            List<String> names = new ArrayList<>(labelNames);
            List<String> values = new ArrayList<>(names.size());
            for (String labelName : names) {
                values.add(labels.getOrDefault(labelName, ""));
            }
            return Labels.of(names, values);
        }
    }
}
