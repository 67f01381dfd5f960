package dev.visionstream.app.metrics;

import static dev.visionstream.app.metrics.ScrapeTestSupport.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka Streams' own metrics reach the scrape; no broker is needed because the app is never started. */
class KafkaStreamsMetricsScrapeTest {

    @Test
    void streamsMetricsAppearInTheScrapeBeforeStart(@TempDir Path stateDir) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("vision.frames").to("vision.frames.copy");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-scrape-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");   // nothing listens; never contacted
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             VisionMetrics metrics = new VisionMetrics()) {
            assertFalse(streams.metrics().isEmpty(), "metrics() is available right after construction");
            metrics.recordEvent("counting", "cam-1", 0, 5);
            metrics.bindStreams(streams);

            int port = metrics.startServer(0);
            String text = ScrapeTestSupport.scrape(port);

            assertTrue(text.contains("# TYPE kafka_streams_stream_metrics_alive_stream_threads gauge"), text);
            String aliveThreads = text.lines()
                    .filter(line -> line.startsWith("kafka_streams_stream_metrics_alive_stream_threads{client_id="))
                    .findFirst().orElseThrow(() -> new AssertionError(text));
            assertTrue(aliveThreads.endsWith(" 2.0"), aliveThreads);
            assertTrue(text.contains("# TYPE kafka_streams_stream_thread_metrics_process_total counter"), text);
            assertEquals(2, count(text, "kafka_streams_stream_thread_metrics_process_total{thread_id="),
                    "one series per stream thread");
            assertEquals(1, sample(text, "vision_frames_total{camera=\"cam-1\",stage=\"counting\"}"));

            // Binding again replaces the collector instead of registering a second one with the same names.
            metrics.bindStreams(streams);
            String again = ScrapeTestSupport.scrape(port);
            assertEquals(count(text, "# TYPE kafka_streams_"), count(again, "# TYPE kafka_streams_"));
        }
    }

    private static long count(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).count();
    }
}
