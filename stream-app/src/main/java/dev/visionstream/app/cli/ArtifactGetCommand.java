package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.ingest.ArtifactException;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.ArtifactUris;
import dev.visionstream.ingest.S3ArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vision artifact get REF}: fetches the bytes an event points to from the configured store, checked against
 * their SHA-256, to a file or stdout.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Fetch what an event's artifact reference points to, checked against its SHA-256, from the "
                + "configured store (the local folder, or the bucket VISION_ARTIFACT_STORE=s3 selects).",
                "A content-addressed reference (artifact://sha256/<hex>.<ext>) carries its checksum; a named one "
                        + "(artifact://named/<name>) needs --sha256, the sha256 the event gives next to the uri."})
final class ArtifactGetCommand implements Callable<Integer> {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    @Parameters(index = "0", paramLabel = "REF", description = "An artifact:// reference as it appears in events.")
    String ref;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (default: stdout).")
    Path out;

    @Option(names = "--sha256", paramLabel = "HEX", description = "The expected SHA-256 (needed for named "
            + "references).")
    String sha256;

    @Option(names = "--artifact-dir", defaultValue = ".vision/artifacts", paramLabel = "DIR",
            description = "The local store (default: ${DEFAULT-VALUE}); VISION_ARTIFACT_STORE=s3 reads the bucket "
                    + "instead.")
    Path artifactDir;

    @Override
    public Integer call() throws IOException {
        String expected = expectedSha256();
        ArtifactStoreSettings settings = ArtifactStoreSettings.fromProcess();
        ArtifactStore store = settings.open(artifactDir);
        byte[] bytes;
        try {
            bytes = store.get(ref, expected);
        } catch (ArtifactException e) {
            // a store outage is not the reference's fault: exit 1, as for other failures that are not bad input
            throw new BadInputException(ref, e.getMessage() + (e.reason() == ArtifactException.Reason.MISSING
                    ? "" : " (store: " + settings.location(artifactDir) + ")"), e,
                    e.reason() == ArtifactException.Reason.IO ? 1 : BadInputException.EXIT_CODE);
        } finally {
            if (store instanceof S3ArtifactStore s3) {
                s3.close();
            }
        }
        if (out == null) {
            System.out.write(bytes);
            System.out.flush();
        } else {
            Files.write(out, bytes);
            System.err.println("vision artifact get: " + bytes.length + " bytes to " + out);
        }
        return 0;
    }

    private String expectedSha256() {
        ArtifactUris.Location location;
        try {
            location = ArtifactUris.parse(ref);
        } catch (ArtifactException e) {
            throw new BadInputException(ref, "not an artifact reference (artifact://sha256/<hex>.<ext> or "
                    + "artifact://named/<name>, without .. or leading dots)");
        }
        if (sha256 != null && !SHA256_HEX.matcher(sha256).matches()) {
            throw new BadInputException("--sha256 " + sha256, "must be 64 hex characters");
        }
        String carried = location.contentSha256().orElse(null);
        if (carried == null && sha256 == null) {
            throw new BadInputException(ref, "a named reference needs --sha256 HEX (the sha256 next to the uri in "
                    + "the event)");
        }
        if (carried != null && sha256 != null && !carried.equalsIgnoreCase(sha256)) {
            throw new BadInputException("--sha256 " + sha256, "differs from the SHA-256 the reference carries");
        }
        return (carried != null ? carried : sha256).toLowerCase(Locale.ROOT);
    }
}
