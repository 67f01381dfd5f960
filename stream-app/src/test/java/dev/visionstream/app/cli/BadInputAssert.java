package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** What every command does with bad input: exit code 2 and one line on stderr that names the input, no trace. */
final class BadInputAssert {
    private BadInputAssert() {
    }

    /** Returns the line, for checks of what it says beyond naming the input. */
    static String assertReported(CliRun run, String input) {
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, lines.size(), "one line on stderr:\n" + run.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("vision "), line);
        assertTrue(line.contains(input), "names " + input + ": " + line);
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("at dev."), run.err());
        return line;
    }
}
