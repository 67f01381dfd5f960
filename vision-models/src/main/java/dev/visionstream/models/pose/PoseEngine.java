package dev.visionstream.models.pose;

import ai.djl.engine.Engine;

/**
 * The DJL engine the pose code runs on: PyTorch, one intra-op and one inter-op thread unless the user set
 * {@code ai.djl.pytorch.num_threads} / {@code num_interop_threads}. These are small ops: on a shared CPU, OpenMP
 * worker threads spin-wait and made a training step ten times slower than one thread.
 */
public final class PoseEngine {
    private PoseEngine() {
    }

    public static Engine get() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return Engine.getEngine("PyTorch");
    }
}
