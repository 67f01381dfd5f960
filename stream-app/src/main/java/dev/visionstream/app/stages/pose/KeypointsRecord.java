package dev.visionstream.app.stages.pose;

/**
 * A {@code vision.keypoints3d} record's value as the pose stage takes it: the JSON as read, and the partition and
 * offset it was read from. The coordinates travel with the value because a batched record is solved after its own
 * turn, when the processor context describes another record or none; they are null where the record has no source
 * topic.
 */
record KeypointsRecord(String json, Integer partition, Long offset) {
}
