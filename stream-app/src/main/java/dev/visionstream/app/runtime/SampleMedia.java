package dev.visionstream.app.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the sample video the project fetches from Debian's opencv-doc package ({@code scripts/fetch-test-assets.sh}),
 * running the fetch script once if it is not there yet.
 */
public final class SampleMedia {
    /** Where the fetch script puts {@code vtest.avi}, relative to the asset folder. */
    public static final String VTEST = "x/opencv-doc/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    private SampleMedia() {
    }

    /** The project root: {@code VISION_HOME} (set by the launcher) or the working directory. */
    public static Path projectRoot() {
        String home = System.getenv("VISION_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    public static Path assetDir() {
        String configured = System.getProperty("vision.assets", System.getenv("ASSETS"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : projectRoot().resolve("target").resolve("assets");
    }

    /** vtest.avi, fetching the assets first if needed; empty when it cannot be had (the reason is printed). */
    public static Optional<Path> vtest(boolean fetchIfMissing) {
        Path video = assetDir().resolve(VTEST);
        if (Files.isRegularFile(video) || !fetchIfMissing) {
            return Files.isRegularFile(video) ? Optional.of(video) : Optional.empty();
        }
        Path script = projectRoot().resolve("scripts").resolve("fetch-test-assets.sh");
        if (!Files.isRegularFile(script)) {
            System.err.println("sample video missing and no fetch script at " + script);
            return Optional.empty();
        }
        System.err.println("fetching sample media with " + script + " ...");
        try {
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .directory(projectRoot().toFile()).start();
            p.getOutputStream().close();
            int rc = p.waitFor();
            if (rc != 0) {
                System.err.println("fetch script failed with exit code " + rc);
            }
        } catch (IOException e) {
            System.err.println("cannot run the fetch script: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Files.isRegularFile(video) ? Optional.of(video) : Optional.empty();
    }
}
