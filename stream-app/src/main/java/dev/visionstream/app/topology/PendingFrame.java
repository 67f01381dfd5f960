package dev.visionstream.app.topology;

import org.apache.kafka.streams.processor.api.Record;

/**
 * A frame waiting in a stage's batch: the record as the stage will see it, and the wall-clock time it arrived, which
 * the linger is measured from (also after a restart).
 */
record PendingFrame(Record<String, StageInput> record, long arrivedMs) {
}
