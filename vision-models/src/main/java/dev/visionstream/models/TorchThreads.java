package dev.visionstream.models;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A temporary limit on PyTorch's intra-op threads, restored on close. The count is one setting for the whole
 * process: fixing it through {@code ai.djl.pytorch.num_threads} when a model loads only works for whichever model
 * happens to load first, which made every stage's speed depend on which kind of record arrived first. Only work
 * that wants fewer threads than the default (one per core) narrows it, for its own duration: training on many
 * small ops, where OpenMP workers spin-waiting on a shared CPU made a step ten times slower than one thread.
 */
public final class TorchThreads implements AutoCloseable {
    private final int previous;

    private TorchThreads(int previous) {
        this.previous = previous;
    }

    /** Runs PyTorch's CPU ops on at most {@code threads} threads until {@link #close}. */
    public static TorchThreads limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Engine.getEngine("PyTorch"); // loads the native library the calls below need
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(Math.min(threads, previous));
        return new TorchThreads(previous);
    }

    /** Current intra-op thread count. */
    public static int current() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    @Override
    public void close() {
        JniUtils.setNumThreads(previous);
    }
}
