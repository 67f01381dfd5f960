package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {
    private static final Pattern MAIN = Pattern.compile("main|.*-StreamThread-\\d+");

    @Test
    void keepsTheNamedThreadsOfTheLastDumpOnly() {
        List<String> log = List.of(
                "Full thread dump (first)",
                "\"main\" #1 old",
                "\tat Old.frame",
                "",
                "07:00:00.000 INFO a log line with a \"quote",
                "Full thread dump (second)",
                "\"main\" #1 new",
                "\tat New.frame",
                "",
                "\"app-StreamThread-1-producer\" #19",
                "\tat Producer.frame",
                "",
                "\"app-StreamThread-1\" #20",
                "\tat Stream.frame",
                "");
        assertEquals("\nthreads:\n\"main\" #1 new\n\tat New.frame\n\"app-StreamThread-1\" #20\n\tat Stream.frame",
                ThreadDump.stacks(log, MAIN));
    }

    @Test
    void saysWhenThereIsNoDump() {
        assertEquals("\nno thread dump in the log", ThreadDump.stacks(List.of("a line"), MAIN));
    }
}
