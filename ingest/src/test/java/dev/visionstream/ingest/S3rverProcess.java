package dev.visionstream.ingest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real S3-compatible server for tests: s3rver 3.7.1 run by node on a loopback port, its objects in a folder,
 * installed by {@code scripts/fetch-s3rver.sh}. Its one account is {@value #ACCESS_KEY} / {@value #SECRET_KEY}; it
 * refuses an unknown access key but does not verify SigV4 signatures (a wrong secret passes). The bucket is
 * created at start-up ({@code --configure-bucket}).
 * Stopping and starting again on the same port and folder simulates an outage that loses nothing.
 */
public final class S3rverProcess implements AutoCloseable {
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";
    public static final String BUCKET = "vision-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path script;
    private final Path dir;
    private final int port;
    private Process process;

    private S3rverProcess(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /** Why s3rver cannot run here (node or the package missing), or empty when it can. */
    public static Optional<String> unavailable() {
        if (!onPath("node")) {
            return Optional.of("node is not installed (the S3 store tests need node and scripts/fetch-s3rver.sh)");
        }
        if (!Files.isRegularFile(script())) {
            return Optional.of(script() + " is missing: run scripts/fetch-s3rver.sh");
        }
        return Optional.empty();
    }

    /** Starts s3rver as {@link #start} does, or skips the calling {@code tests} with the reason it cannot run. */
    public static S3rverProcess startOrSkip(Path dir, String tests) throws IOException, InterruptedException {
        Optional<String> missing = unavailable();
        Assumptions.assumeTrue(missing.isEmpty(), () -> tests + " skipped: " + missing.orElse(""));
        return start(dir);
    }

    /** Starts s3rver on a free loopback port with its objects under {@code dir}. */
    public static S3rverProcess start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        S3rverProcess server = new S3rverProcess(script(), dir, port);
        server.startAgain();
        return server;
    }

    /** Starts the server again on the same port and folder after {@link #stop()}. */
    public void startAgain() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        process = new ProcessBuilder(List.of("node", script.toString(), "-d", dir.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port), "--silent", "--configure-bucket", BUCKET))
                .redirectErrorStream(true).start();
        Thread drain = new Thread(() -> drain(process), "s3rver-output");
        drain.setDaemon(true);
        drain.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive()) {
                throw new IOException("s3rver exited with " + process.exitValue() + " on start");
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("s3rver did not listen on port " + port + " within " + START_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Stops the server; its objects stay in the folder. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Settings for this server's bucket under {@code prefix}, with its credentials and path-style access. */
    public S3StoreSettings.Builder settings(String prefix) {
        return S3StoreSettings.builder(BUCKET).endpoint(endpoint()).prefix(prefix).pathStyle(true)
                .credentials(ACCESS_KEY, SECRET_KEY);
    }

    /** The file s3rver keeps an object's bytes in (its filesystem layout: {@code <key>._S3rver_object}). */
    public Path objectFile(String key) {
        return dir.resolve(BUCKET).resolve(key + "._S3rver_object");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(Process p) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            while (out.readLine() != null) {
                // s3rver's output is not needed; reading it keeps the pipe from filling
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static Path script() {
        String assets = System.getProperty("vision.assets", System.getenv("ASSETS"));
        Path base = assets != null ? Path.of(assets) : Path.of("target", "assets");
        return base.resolve("s3rver/node_modules/s3rver/bin/s3rver.js").toAbsolutePath();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping s3rver", e));
        }
    }
}
