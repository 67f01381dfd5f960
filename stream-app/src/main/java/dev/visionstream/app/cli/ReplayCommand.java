package dev.visionstream.app.cli;

import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.recording.RecordingReader;
import dev.visionstream.ingest.replay.ReplayInput;
import dev.visionstream.ingest.replay.ReplaySpeed;
import dev.visionstream.ingest.replay.Replayer;
import dev.visionstream.schemas.CameraConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Produces a recording or a video back to vision.frames. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Produce a recording (from `vision record`) or a video file back to vision.frames, every frame, "
                + "in order, keeping the recorded capture timestamps unless --shift-to-now."})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    KafkaConnectionOptions kafka;

    @Parameters(index = "0", paramLabel = "RECORDING|VIDEO", description = "A recording folder, a video file or an "
            + "image folder.")
    Path input;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "1|4|max",
            description = "Multiple of the recorded rate, or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--loop", description = "Start over at the end, until interrupted.")
    boolean loop;

    @Option(names = "--shift-to-now", description = "Move capture timestamps so the first frame is now (loops then "
            + "run on in time).")
    boolean shiftToNow;

    @Option(names = "--camera", defaultValue = "replay", paramLabel = "ID",
            description = "Camera id of a video or image folder (recordings keep their own) (default: "
                    + "${DEFAULT-VALUE}).")
    String camera;

    @Option(names = "--start", paramLabel = "ISO-8601",
            description = "Capture time of a video's first frame (default: now); a fixed start replays to the same "
                    + "timestamps.")
    Instant start;

    @Option(names = "--register", split = ",", paramLabel = "STAGE[,STAGE...]",
            description = "Register the video's camera with these stages (policy replay) before replaying.")
    List<String> register;

    @Option(names = "--artifact-dir", defaultValue = ".vision/artifacts", paramLabel = "DIR",
            description = "Artifact store for frames too large for the topic (default: ${DEFAULT-VALUE}); "
                    + "VISION_ARTIFACT_STORE=s3 uses a bucket instead.")
    Path artifactDir;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(input)) {
            throw new BadInputException(input.toString(), "no such recording, video or folder");
        }
        ReplaySpeed replaySpeed;
        try {
            replaySpeed = ReplaySpeed.parse(speed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--speed " + speed, "must be max or a positive multiple, e.g. 1 or 4", e);
        }
        KafkaClientSettings settings = kafka.load();
        boolean recording = RecordingReader.isRecording(input);
        if (register != null && !register.isEmpty() && !recording) {
            CameraRegistry.publish(settings.toClientConfig(),
                    new CameraConfig(camera, register, "replay", null, null, null, null, null));
        }
        if (recording) {
            try (RecordingReader reader = InputFiles.read(null, input, RecordingReader::open)) {
                if (!reader.unindexedSegments().isEmpty()) {
                    System.err.println("vision replay: left out " + reader.unindexedSegments()
                            + ": not completed (the recording was cut off)");
                }
            }
        }
        SourceOptions options = SourceOptions.defaults().withStart(start == null ? Instant.now() : start);
        ArtifactStore artifacts = ArtifactStoreSettings.fromProcess().open(artifactDir);
        Properties producerSettings = settings.toProperties();
        producerSettings.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        ProgressBar progress = new ProgressBar("replay " + input.getFileName() + " at " + replaySpeed);
        try (FrameProducer producer = FrameProducer.create(producerSettings, artifacts)) {
            Replayer replayer = new Replayer(
                    () -> InputFiles.read(null, input, f -> ReplayInput.open(f, camera, options)), producer,
                    replaySpeed, loop, shiftToNow, (frame, delivery, sent, total) -> progress.update(sent, total));
            Thread hook = new Thread(replayer::stop);
            Runtime.getRuntime().addShutdownHook(hook);
            long sent;
            try {
                sent = replayer.run();
            } finally {
                progress.done();
            }
            System.err.println("vision replay: " + sent + " frames from " + input);
            return 0;
        }
    }
}
