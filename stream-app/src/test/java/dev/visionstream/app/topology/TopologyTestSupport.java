package dev.visionstream.app.topology;

import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The service topology in a {@link TopologyTestDriver} for stage tests: the given stages only, state under the
 * test's own directory, the topics as the stages see them.
 */
public final class TopologyTestSupport implements AutoCloseable {
    /** The drivers' application id: the prefix of their changelog topics. */
    public static final String APPLICATION_ID = "topology-test";
    /** A decoder limit that every test frame fits. */
    public static final long MAX_TEST_PIXELS = 10_000_000;

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> frames;
    private final TestInputTopic<String, String> cameras;

    private TopologyTestSupport(TopologyTestDriver driver) {
        this.driver = driver;
        this.frames = driver.createInputTopic(Topics.FRAMES, new StringSerializer(), new ByteArraySerializer());
        this.cameras = driver.createInputTopic(Topics.CAMERAS, new StringSerializer(), new StringSerializer());
    }

    /**
     * @param stages      the stages to wire, in order
     * @param claimChecks resolves claim-checked frames
     * @param listener    sees every event published
     * @param stateDir    where the driver keeps its state stores
     * @param start       the driver's initial wall-clock time
     */
    public static TopologyTestSupport start(List<? extends Stage> stages, ClaimCheckResolver claimChecks,
                                            PublicationListener listener, Path stateDir, Instant start) {
        VisionTopology topology = new VisionTopology(stages, new BoundedImageDecoder(MAX_TEST_PIXELS), claimChecks,
                listener);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestSupport(new TopologyTestDriver(topology.build(), props, start));
    }

    /** As {@link #start(List, ClaimCheckResolver, PublicationListener, Path, Instant)}, without claim checks. */
    public static TopologyTestSupport start(List<? extends Stage> stages, Path stateDir, Instant start) {
        return start(stages, ClaimCheckResolver.NONE, PublicationListener.NONE, stateDir, start);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** {@code vision.frames}. */
    public TestInputTopic<String, byte[]> frames() {
        return frames;
    }

    /** {@code vision.cameras}. */
    public TestInputTopic<String, String> cameras() {
        return cameras;
    }

    /** A topic the stages write, read as JSON strings. */
    public TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    /** Sends a frame with its sequence number and content type, captured at {@code captureTime}. */
    public void sendFrame(String cameraId, long sequence, byte[] bytes, String contentType, Instant captureTime) {
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, sequence);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, contentType);
        frames.pipeInput(new TestRecord<>(cameraId, bytes, headers, captureTime));
    }

    @Override
    public void close() {
        driver.close();
    }
}
