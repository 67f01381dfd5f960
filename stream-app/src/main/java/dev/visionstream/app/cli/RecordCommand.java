package dev.visionstream.app.cli;

import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.ingest.recording.FrameRecorder;
import dev.visionstream.ingest.recording.RecordingWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes frames of chosen cameras and a time range from vision.frames to a portable recording. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record frames of the chosen cameras and capture-time range from vision.frames into a folder: "
                + "segments with a SHA-256 each plus an index, readable up to the last complete segment if cut off."})
final class RecordCommand implements Callable<Integer> {
    @Mixin
    KafkaConnectionOptions kafka;

    @Option(names = "--cameras", split = ",", paramLabel = "ID[,ID...]", description = "Cameras to record (default: "
            + "all).")
    List<String> cameras;

    @Option(names = "--from", paramLabel = "ISO-8601", description = "First capture time, e.g. 2026-05-01T10:00:00Z "
            + "(default: now).")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "ISO-8601",
            description = "Last capture time; a future time records live until then.")
    Instant to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Recording folder (must not hold a "
            + "recording).")
    Path out;

    @Option(names = "--segment-mb", defaultValue = "16", description = "Segment size in MiB (default: "
            + "${DEFAULT-VALUE}).")
    int segmentMb;

    @Option(names = "--artifact-dir", defaultValue = ".vision/artifacts", paramLabel = "DIR",
            description = "Artifact store holding claim-checked frames (default: ${DEFAULT-VALUE}); "
                    + "VISION_ARTIFACT_STORE=s3 uses a bucket instead.")
    Path artifactDir;

    @Override
    public Integer call() throws Exception {
        Instant start = from == null ? Instant.now() : from;
        if (!to.isAfter(start)) {
            throw new BadInputException("--to " + to, "must be after --from " + start);
        }
        if (segmentMb < 1) {
            throw new BadInputException("--segment-mb " + segmentMb, "must be 1 or more");
        }
        KafkaClientSettings settings = kafka.load();
        Set<String> chosen = cameras == null ? Set.of() : Set.copyOf(cameras);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("cameras", chosen.isEmpty() ? List.of("*") : chosen.stream().sorted().toList());
        description.put("from", start.toString());
        description.put("to", to.toString());
        FrameRecorder recorder = new FrameRecorder(settings.toClientConfig(), chosen, start, to,
                ArtifactStoreSettings.fromProcess().open(artifactDir));
        ProgressBar progress = new ProgressBar("record " + out.getFileName());
        Thread hook = new Thread(recorder::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        long written;
        try (RecordingWriter writer = RecordingWriter.create(out, segmentMb * 1024L * 1024L, description)) {
            written = recorder.record(writer, n -> progress.update(n, OptionalLong.empty()));
        }
        progress.done();
        System.err.printf("vision record: %d frames into %s%s%n", written, out,
                recorder.skipped() > 0 ? " (" + recorder.skipped() + " claim-checked frames unreadable, left "
                        + "out)" : "");
        return 0;
    }
}
