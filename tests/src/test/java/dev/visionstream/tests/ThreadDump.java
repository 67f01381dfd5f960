package dev.visionstream.tests;

import java.util.List;
import java.util.regex.Pattern;

/** Picks threads out of the last thread dump a JVM printed on SIGQUIT, for failure messages. */
final class ThreadDump {
    private static final int MAX_FRAMES = 30;

    private ThreadDump() {
    }

    /**
     * The stack of every thread whose name matches {@code names}, up to {@value #MAX_FRAMES} lines each, or a line
     * saying there is no dump.
     */
    static String stacks(List<String> log, Pattern names) {
        int start = -1;
        for (int i = log.size() - 1; i >= 0 && start < 0; i--) {
            if (log.get(i).startsWith("Full thread dump")) {
                start = i;
            }
        }
        if (start < 0) {
            return "\nno thread dump in the log";
        }
        StringBuilder out = new StringBuilder("\nthreads:");
        for (int i = start + 1; i < log.size(); i++) {
            String line = log.get(i);
            int nameEnd = line.indexOf('"', 1);
            if (line.startsWith("\"") && nameEnd > 0 && names.matcher(line.substring(1, nameEnd)).matches()) {
                int end = i;
                while (end < log.size() && !log.get(end).isBlank() && end - i <= MAX_FRAMES) {
                    out.append('\n').append(log.get(end++));
                }
                i = end;
            }
        }
        return out.toString();
    }
}
