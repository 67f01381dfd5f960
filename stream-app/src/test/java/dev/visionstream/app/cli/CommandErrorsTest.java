package dev.visionstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the commands without a test class of their own fails in one line that names it, with exit code 2,
 * before any broker, model or download is needed. count, pose and splat are covered in their own tests.
 */
class CommandErrorsTest {
    private static final String MISSING = "no-such-dir";

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("--metrics-port -5", "demo", "--no-ui", "--metrics-port", "-5"),
                bad(MISSING + "/client.properties", "run", "--no-ui", "--kafka-config", MISSING + "/client.properties"),
                bad(MISSING + "/cameras.yaml", "ingest", "--config", MISSING + "/cameras.yaml"),
                bad(MISSING + "/client.properties", "record", "--to", "2030-01-01T00:00:00Z", "--out",
                        MISSING + "/recording", "--kafka-config", MISSING + "/client.properties"),
                bad(MISSING + "/recording", "replay", MISSING + "/recording"),
                bad("--speed fast", "replay", "--speed", "fast", "."),
                bad(MISSING + "/missing.avi", "bench", "pipeline", "--video", MISSING + "/missing.avi"),
                bad(MISSING + "/frame.png", "bench", "inpaint", "--image", MISSING + "/frame.png"),
                bad("--no-such-option", "doctor", "--no-such-option"),
                bad(MISSING + "/manifest.json", "count", "eval", "--manifest", MISSING + "/manifest.json"),
                bad("--split nope", "count", "make-eval-set", "--split", "nope"),
                bad(MISSING, "count", "train", "--data", MISSING),
                bad(MISSING + "/image.png", "inpaint", "--image", MISSING + "/image.png", "--mask",
                        MISSING + "/mask.png", "--out", MISSING + "/out.png"),
                bad("--method paint", "inpaint", "--method", "paint", "--image", "a.png", "--mask", "b.png",
                        "--out", "c.png"),
                bad(MISSING + "/init.npz", "inpaint", "train", "--init", MISSING + "/init.npz"),
                bad("--head sideways", "inpaint", "train", "--head", "sideways"),
                bad("--steps 0", "pose", "train", "--steps", "0"));
    }

    private static Arguments bad(String input, String... args) {
        return Arguments.of(String.join(" ", args), input, args);
    }

    @ParameterizedTest(name = "vision {0}")
    @MethodSource("badInputs")
    void badInputIsOneLineThatNamesItAndExitCodeTwo(String commandLine, String input, String[] args) {
        assertTrue(Files.notExists(Path.of(MISSING)), "the test needs " + MISSING + " to be missing");
        BadInputAssert.assertReported(CliRun.of(args), input);
    }

    @Test
    void aConsolePortInUseIsNamedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            BadInputAssert.assertReported(CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--ui-port", port),
                    "--ui-port " + port);
            BadInputAssert.assertReported(CliRun.of("demo", "--ui-port", port), "--ui-port " + port);
        }
    }

    @Test
    void verboseAddsTheStackTraceAfterTheSameLine() {
        CliRun quiet = CliRun.of("run", "--kafka-config", MISSING + "/client.properties");
        CliRun verbose = CliRun.of("run", "--verbose", "--kafka-config", MISSING + "/client.properties");
        assertEquals(2, verbose.exitCode());
        assertEquals(quiet.err().lines().findFirst(), verbose.err().lines().findFirst());
        assertTrue(verbose.err().contains("BadInputException"), verbose.err());
        assertTrue(verbose.err().contains("at dev.visionstream.app.cli.KafkaConnectionOptions.load"), verbose.err());
    }

    @Test
    void verboseCountsBeforeTheSubcommandToo() {
        CliRun verbose = CliRun.of("--verbose", "replay", MISSING + "/recording");
        assertEquals(2, verbose.exitCode());
        assertTrue(verbose.err().contains("at dev.visionstream.app.cli.ReplayCommand.call"), verbose.err());
    }
}
