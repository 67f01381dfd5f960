package dev.visionstream.models.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (python3, chromium, keytool) with a deadline. Output goes to a temporary file rather than
 * a pipe, because a program that leaves children holding the pipe open would block a reader forever; on the
 * deadline the whole process tree is killed.
 */
public final class ExternalCommand {
    /** What a finished (or killed) command left behind. */
    public record Result(int exitCode, boolean timedOut, String output) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    private ExternalCommand() {
    }

    public static Result run(Duration deadline, String... command) throws IOException, InterruptedException {
        return run(deadline, List.of(command));
    }

    public static Result run(Duration deadline, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("external-command", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            boolean finished = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(finished ? process.exitValue() : -1, !finished, output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
