package dev.visionstream.app.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs a benchmark's plain model loop on a thread of its own that ends with it. PyTorch's CPU ops run on OpenMP,
 * and libgomp keeps a worker pool for every thread that ever started a parallel region, for as long as that
 * thread lives; once the pools hold more threads than there are cores, it throttles the workers' spinning between
 * ops. A loop run on the benchmark's main thread thus left a pool behind that slowed the pipeline's stream
 * thread, a handicap a service (whose stream threads alone run the models) does not have.
 */
final class OwnThread {
    private OwnThread() {
    }

    static <T> T call(String name, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.start();
        thread.join(); // the pool goes with the thread, not with the task
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
