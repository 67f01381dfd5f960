package dev.visionstream.ingest;

import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Told about every frame an {@link IngestRun} has handed to the producer (progress output, metrics). */
@FunctionalInterface
public interface FrameSentListener {
    FrameSentListener NONE = (frame, delivery) -> { };

    /**
     * Called on the ingest thread right after the send; {@code delivery} completes when the broker acknowledges.
     * Blocking on it here throttles the run to one frame in flight.
     */
    void frameSent(Frame frame, Future<RecordMetadata> delivery);
}
