package dev.visionstream.app.topology;

/**
 * A stage of the service topology, listed in {@code StageRegistry}: either fed the admitted frames of the cameras
 * that enable it ({@link FrameStage}), or reading a topic of its own ({@link TopicStage}).
 */
public sealed interface Stage permits FrameStage, TopicStage {
    /** The stage name: what camera configs enable, the processor name in the topology, the events' {@code stage}. */
    String name();
}
