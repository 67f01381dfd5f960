package dev.visionstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class KafkaStreamsMetricsCollectorTest {

    private record FixedMetric(MetricName metricName, Object metricValue) implements Metric {
    }

    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();

    private void put(String group, String name, Map<String, String> tags, Object value) {
        MetricName metricName = new MetricName(name, group, "description of " + name, tags);
        metrics.put(metricName, new FixedMetric(metricName, value));
    }

    private MetricSnapshot family(MetricSnapshots snapshots, String name) {
        return snapshots.stream()
                .filter(snapshot -> snapshot.getMetadata().getPrometheusName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no family " + name));
    }

    private static double valueOf(DataPointSnapshot point) {
        return point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge
                ? gauge.getValue()
                : ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
    }

    @Test
    void rocksDbStoreMetricsAreNeverReadButOtherStoreMetricsAre() {
        for (String idTag : List.of("rocksdb-state-id", "rocksdb-window-state-id", "rocksdb-session-state-id")) {
            MetricName rocksDb = new MetricName("estimate-num-keys", "stream-state-metrics", "read from RocksDB",
                    Map.of("thread-id", "t-1", "task-id", "0_1", idTag, "pose-track-state"));
            metrics.put(rocksDb, new Metric() {
                @Override
                public MetricName metricName() {
                    return rocksDb;
                }

                @Override
                public Object metricValue() {
                    throw new AssertionError("a scrape read " + rocksDb + " from the native store");
                }
            });
        }
        put("stream-state-metrics", "put-rate", Map.of("thread-id", "t-1", "task-id", "0_1", "in-memory-state-id",
                "camera-health"), 3.0);

        MetricSnapshots snapshots = KafkaStreamsMetricsCollector.toSnapshots(metrics);

        assertEquals(1, snapshots.size());
        assertEquals(3.0, valueOf(family(snapshots, "kafka_streams_stream_state_metrics_put_rate").getDataPoints()
                .get(0)));
    }

    @Test
    void sameNameWithDifferentTagsIsOneFamily() {
        put("stream-thread-metrics", "process-rate", Map.of("thread-id", "t-1"), 12.5);
        put("stream-thread-metrics", "process-rate", Map.of("thread-id", "t-2"), 7.0);

        MetricSnapshots snapshots = KafkaStreamsMetricsCollector.toSnapshots(metrics);

        assertEquals(1, snapshots.size());
        MetricSnapshot family = family(snapshots, "kafka_streams_stream_thread_metrics_process_rate");
        assertInstanceOf(GaugeSnapshot.class, family);
        assertEquals("description of process-rate", family.getMetadata().getHelp());
        List<? extends DataPointSnapshot> points = family.getDataPoints();
        assertEquals(Labels.of("thread_id", "t-1"), points.get(0).getLabels());
        assertEquals(12.5, valueOf(points.get(0)));
        assertEquals(Labels.of("thread_id", "t-2"), points.get(1).getLabels());
        assertEquals(7.0, valueOf(points.get(1)));
    }

    @Test
    void missingLabelsArePaddedSoTheFamilyHasOneLabelSet() {
        put("stream-task-metrics", "process-latency-avg", Map.of("thread-id", "t-1", "task-id", "0_0"), 1.5);
        put("stream-task-metrics", "process-latency-avg", Map.of("thread-id", "t-1"), 2.5);

        MetricSnapshot family = family(KafkaStreamsMetricsCollector.toSnapshots(metrics),
                "kafka_streams_stream_task_metrics_process_latency_avg");

        assertEquals(2, family.getDataPoints().size());
        for (DataPointSnapshot point : family.getDataPoints()) {
            assertTrue(point.getLabels().contains("task_id"));
            assertTrue(point.getLabels().contains("thread_id"));
        }
        assertTrue(family.getDataPoints().stream()
                .anyMatch(point -> point.getLabels().equals(Labels.of("task_id", "", "thread_id", "t-1"))));
    }

    @Test
    void nonNumericAndNaNValuesAreLeftOut() {
        put("stream-metrics", "version", Map.of("client-id", "app-1"), "4.4.0");
        put("stream-metrics", "state", Map.of("client-id", "app-1"), "CREATED");
        put("stream-metrics", "commit-latency-max", Map.of("client-id", "app-1"), Double.NaN);
        put("stream-metrics", "alive-stream-threads", Map.of("client-id", "app-1"), 2);

        MetricSnapshots snapshots = KafkaStreamsMetricsCollector.toSnapshots(metrics);

        assertEquals(List.of("kafka_streams_stream_metrics_alive_stream_threads"),
                snapshots.stream().map(s -> s.getMetadata().getPrometheusName()).toList());
        assertEquals(2.0, valueOf(snapshots.get(0).getDataPoints().get(0)));
    }

    @Test
    void cumulativeTotalsBecomeCountersAndOtherReservedSuffixesAreAvoided() {
        put("stream-thread-metrics", "process-total", Map.of("thread-id", "t-1"), 42.0);
        put("app-info", "start-info", Map.of(), 1.0);

        MetricSnapshots snapshots = KafkaStreamsMetricsCollector.toSnapshots(metrics);

        // Exposed as kafka_streams_stream_thread_metrics_process_total: the text format appends _total to counters.
        MetricSnapshot total = family(snapshots, "kafka_streams_stream_thread_metrics_process");
        assertInstanceOf(CounterSnapshot.class, total);
        assertEquals(42.0, valueOf(total.getDataPoints().get(0)));
        assertInstanceOf(GaugeSnapshot.class, family(snapshots, "kafka_streams_app_info_start_info_value"));
    }

    @Test
    void namesAndLabelsAreSanitised() {
        put("producer.node-metrics", "request-size.avg", Map.of("node.id", "node-1", "1st", "x", "__x", "y"), 3.0);

        MetricSnapshot family = family(KafkaStreamsMetricsCollector.toSnapshots(metrics),
                "kafka_streams_producer_node_metrics_request_size_avg");

        assertEquals(Labels.of("node_id", "node-1", "tag_1st", "x", "x", "y"),
                family.getDataPoints().get(0).getLabels());
    }

    @Test
    void readsTheSourceAfreshOnEveryScrape() {
        KafkaStreamsMetricsCollector collector = new KafkaStreamsMetricsCollector(() -> metrics);
        assertEquals(0, collector.collect().size());
        put("stream-metrics", "alive-stream-threads", Map.of("client-id", "app-1"), 1);
        assertEquals(1, collector.collect().size());
        assertFalse(collector.collect().get(0).getDataPoints().isEmpty());
    }
}
