package dev.visionstream.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.regex.Pattern;

/** CPU time of this JVM's live threads whose names match: what one part of a benchmark cost. */
final class ThreadCpu {
    /** The console's feed: reading and indexing events. */
    static final Pattern CONSOLE_FEED = Pattern.compile("console-feed");
    /** The console's HTTP server pool, which also writes the event streams (not the simulated browsers). */
    static final Pattern CONSOLE_SERVER = Pattern.compile("qtp.*|JettyServerThreadPool.*");

    private ThreadCpu() {
    }

    static double seconds(Pattern names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && names.matcher(info.getThreadName()).matches()) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }
}
