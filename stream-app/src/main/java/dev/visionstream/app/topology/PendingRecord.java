package dev.visionstream.app.topology;

import org.apache.kafka.streams.processor.api.Record;

/**
 * A record waiting in a stage's batch: the record as the stage will see it, and the wall-clock time it arrived, which
 * the linger is measured from (also after a restart).
 *
 * @param <V> the stage's input: an admitted frame, or for pose a keypoints record
 */
record PendingRecord<V>(Record<String, V> record, long arrivedMs) {
}
