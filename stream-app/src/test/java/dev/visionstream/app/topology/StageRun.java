package dev.visionstream.app.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * One stage's topology under test, with what it published so far: its events and its error events, each checked
 * against its schema. A batching test runs the same input through two of them (batched and not) and compares.
 *
 * @param <R> the concrete run, so that {@link #collect} and {@link #linger} chain with its own methods
 */
public abstract class StageRun<R extends StageRun<R>> implements AutoCloseable {
    public final List<JsonNode> published = new ArrayList<>();
    public final List<JsonNode> failed = new ArrayList<>();
    private final TopologyTestSupport topology;
    private final TestOutputTopic<String, String> results;
    private final TestOutputTopic<String, String> errors;
    private final Class<?> resultType;
    private final Batching batching;

    /**
     * @param resultTopic where the stage's events go
     * @param resultType  their record type, whose schema they must match
     */
    protected StageRun(TopologyTestSupport topology, String resultTopic, Class<?> resultType, Batching batching) {
        this.topology = topology;
        this.results = topology.output(resultTopic);
        this.errors = topology.output(Topics.ERRORS);
        this.resultType = resultType;
        this.batching = batching;
    }

    public TopologyTestSupport topology() {
        return topology;
    }

    protected abstract R self();

    /** Takes in what the stage published since the last call. */
    public R collect() throws IOException {
        published.addAll(ValidatedEvents.drain(results, resultType));
        failed.addAll(ValidatedEvents.drain(errors, ErrorEvent.class));
        return self();
    }

    /** Lets the last, partial batch linger out. */
    public R linger() throws IOException {
        topology.driver().advanceWallClockTime(Duration.ofMillis(batching.lingerMs()));
        return collect();
    }

    @Override
    public void close() {
        topology.close();
    }
}
