package dev.visionstream.app.cli;

import dev.visionstream.app.kafka.KafkaClientSettings;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.runtime.ArtifactStoreSettings;
import dev.visionstream.app.runtime.CameraRegistry;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.ingest.FrameSources;
import dev.visionstream.ingest.IngestRun;
import dev.visionstream.ingest.Pacing;
import dev.visionstream.ingest.SourceOptions;
import dev.visionstream.ingest.live.IngestConfigFile;
import dev.visionstream.schemas.CameraConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Produces frames to the frames topic: one video file or image folder, or every camera of a config file. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Produce frames to vision.frames, keyed by camera id: either one video file or image folder "
                + "(--camera, --source), or many live cameras (RTSP, HTTP MJPEG, V4L2, files) from --config, each "
                + "isolated, reconnecting on its own, added and removed at run time through vision.cameras."})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaConnectionOptions kafka;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Cameras to ingest, YAML or JSON (see docs/ingest.md); runs until "
                    + "interrupted.")
    Path config;

    @Option(names = "--no-watch", description = "With --config: ingest only the file's cameras, ignore vision.cameras.")
    boolean noWatch;

    @Option(names = "--camera", paramLabel = "ID", description = "Camera id: the record key.")
    String camera;

    @Option(names = "--source", paramLabel = "PATH",
            description = "A video file (anything FFmpeg decodes) or a folder of JPEG/PNG images.")
    Path source;

    @Option(names = "--pace", defaultValue = "max", paramLabel = "source|max",
            description = "source = replay at the recorded frame rate; max = as fast as possible (default: "
                    + "${DEFAULT-VALUE}).")
    String pace;

    @Option(names = "--fps", paramLabel = "N", description = "Frame rate of an image folder; without it, folder "
            + "frames carry their file times.")
    Double fps;

    @Option(names = "--max-frames", paramLabel = "N", description = "Stop after N frames.")
    Long maxFrames;

    @Option(names = "--jpeg-quality", defaultValue = "0.85", description = "JPEG quality 0..1 for re-encoded video "
            + "frames (default: ${DEFAULT-VALUE}).")
    float jpegQuality;

    @Option(names = "--max-width", defaultValue = "0", description = "Downscale encoded frames to this width; 0 = "
            + "keep (default: ${DEFAULT-VALUE}).")
    int maxWidth;

    @Option(names = "--artifact-dir", defaultValue = ".vision/artifacts", paramLabel = "DIR",
            description = "Artifact store for frames too large for the topic (claim-check) (default: "
                    + "${DEFAULT-VALUE}); VISION_ARTIFACT_STORE=s3 uses a bucket instead.")
    Path artifactDir;

    @Option(names = "--register", split = ",", paramLabel = "STAGE[,STAGE...]",
            description = "Also write a camera config enabling these stages (e.g. camera-health) before ingesting.")
    List<String> register;

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            if (camera != null || source != null) {
                throw new ParameterException(spec.commandLine(), "use either --config or --camera with --source");
            }
            // the file before the cluster: a typo should not wait for a broker
            List<CameraConfig> cameras = InputFiles.read("--config", config, IngestConfigFile::read);
            return new ConfiguredIngest(kafka.load(), config, cameras, !noWatch, artifactDir).run();
        }
        if (camera == null || source == null) {
            throw new ParameterException(spec.commandLine(), "need --camera ID --source PATH, or --config FILE");
        }
        if (!Files.exists(source)) {
            throw new BadInputException("--source " + source, "no such file or folder");
        }
        Pacing pacing = switch (pace) {
            case "source" -> Pacing.SOURCE_RATE;
            case "max" -> Pacing.AS_FAST_AS_POSSIBLE;
            default -> throw new BadInputException("--pace " + pace, "must be source or max");
        };
        KafkaClientSettings settings = kafka.load();
        if (register != null && !register.isEmpty()) {
            CameraRegistry.publish(settings.toClientConfig(),
                    new CameraConfig(camera, register, null, null, null, null, null, null));
        }
        SourceOptions options = SourceOptions.defaults().withJpeg(jpegQuality, maxWidth);
        if (fps != null) {
            options = options.withFolderFrameRate(fps);
        }
        ArtifactStore artifacts = ArtifactStoreSettings.fromProcess().open(artifactDir);
        Properties producerSettings = settings.toProperties();
        producerSettings.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES));
        ProgressLine progress = new ProgressLine("ingest " + camera);
        long sent;
        SourceOptions sourceOptions = options;
        try (FrameSource frames = InputFiles.read("--source", source,
                f -> FrameSources.open(f, camera, sourceOptions));
             FrameProducer producer = FrameProducer.create(producerSettings, artifacts)) {
            sent = new IngestRun(frames, producer, pacing, maxFrames == null ? IngestRun.ALL_FRAMES : maxFrames,
                    (frame, delivery) -> progress.update(frame.sequence() + 1)).run();
        }
        progress.done();
        System.err.println("vision ingest: " + sent + " frames from " + source + " as camera " + camera);
        return 0;
    }
}
