package dev.visionstream.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The service as a separate JVM ({@code vision run}), started from the test's own classpath, killable with -9. */
final class AppProcess implements AutoCloseable {
    /** How {@code VisionStreamApp} starts its log line for a Kafka Streams state change ("... A -> B"). */
    private static final String STATE_CHANGE = "Kafka Streams ";
    private static final Pattern STREAMS_THREADS = Pattern.compile("main|.*-(StreamThread|StateUpdater)-\\d+");

    private final List<String> command;
    private final Path log;
    private final int metricsPort;
    private Process process;

    AppProcess(String bootstrap, Path workDir, Path kafkaConfig, String applicationId, Path log) {
        this(bootstrap, workDir, kafkaConfig, applicationId, log, -1);
    }

    AppProcess(String bootstrap, Path workDir, Path kafkaConfig, String applicationId, Path log, int metricsPort) {
        this(bootstrap, workDir, kafkaConfig, applicationId, log, metricsPort, List.of());
    }

    /** @param jvmOptions extra options of the app's JVM, such as {@code -Dvision....} settings */
    AppProcess(String bootstrap, Path workDir, Path kafkaConfig, String applicationId, Path log, int metricsPort,
               List<String> jvmOptions) {
        this.log = log;
        this.metricsPort = metricsPort;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.visionstream.app.cli.VisionCli", "run", "--bootstrap-servers", bootstrap,
                "--work-dir", workDir.toString(), "--kafka-config", kafkaConfig.toString(),
                "--application-id", applicationId, "--metrics-port", Integer.toString(metricsPort),
                "--no-ui")); // several instances share this host: the console's port would clash
    }

    void start() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL: no shutdown hook, no clean close, no final commit. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int metricsPort() {
        return metricsPort;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    String logTail() throws IOException {
        return tail(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * What a failure message needs to tell a hung instance from a dead one: whether the process is alive or how it
     * ended, its Kafka Streams state changes, and, when alive, the stacks of its main and stream threads (the JVM
     * prints a thread dump to its log on SIGQUIT).
     */
    String diagnosis() throws IOException, InterruptedException {
        if (process == null) {
            return "never started";
        }
        StringBuilder out = new StringBuilder();
        if (process.isAlive()) {
            out.append("alive (pid ").append(process.pid()).append(")");
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(2_000);
        } else {
            out.append("exited with code ").append(process.exitValue());
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.append("\nstate changes: ").append(lines.stream().filter(l -> l.contains(STATE_CHANGE)
                && l.contains(" -> ")).map(l -> l.substring(l.indexOf(STATE_CHANGE) + STATE_CHANGE.length())).toList());
        out.append(ThreadDump.stacks(lines, STREAMS_THREADS));
        out.append("\nlog tail:\n").append(tail(lines));
        return out.toString();
    }

    /** SIGTERM and wait: the clean shutdown path. */
    void stop() throws InterruptedException {
        close();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
