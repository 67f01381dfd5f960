package dev.visionstream.app.stages.splatting;

import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.app.topology.StoreOutageException;
import dev.visionstream.app.topology.VisionTopology;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.ImageDecodeException;
import dev.visionstream.models.image.PngBytes;
import dev.visionstream.models.splatting.SceneArtifacts;
import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.models.splatting.SplatResult;
import dev.visionstream.models.splatting.SplatView;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.RigSettings;
import dev.visionstream.schemas.SplatEvent;
import dev.visionstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Collects the views of a rig by capture time and adapts a complete (or timed-out) set to {@link SplatPipeline}.
 * Rig mode: a frame joins the open scene of its rig whose first capture time is within the tolerance, or opens a
 * new one; several scenes of a rig may be open at once, because the rig's cameras drift apart (a backlog after a
 * restart is worked off camera by camera). A scene is built once every view arrived, or once every missing view
 * has sent a later frame (it will not come), or after the timeout; a frame older than its camera's last one is
 * late and refused. Before any of that the rig is checked against the camera registry ({@link RigMembership}).
 * Sequence mode: the next K frames of one camera form a scene.
 */
final class SplattingProcessor implements Processor<String, StageInput, String, Publication> {
    /** Separates a rig id from a scene's capture time in pending-scene keys; sorts before any printable character. */
    private static final String SCENE_KEY_SEPARATOR = "\u0000";

    private final String storeName;
    private final String progressStoreName;
    private final SplatPipeline pipeline;
    private final ArtifactStore artifacts;
    private final Duration timeoutCheck;
    private final BoundedImageDecoder decoder = new BoundedImageDecoder();
    private final RigMembership membership = new RigMembership();
    private ProcessorContext<String, Publication> context;
    private KeyValueStore<String, PendingScene> pending;
    private KeyValueStore<String, RigProgress> progress;
    private TimestampedKeyValueStore<String, String> cameras;
    /** Downtime does not count towards a scene's timeout: the missing views are likely waiting in the topic. */
    private long startedWallMs;

    SplattingProcessor(String storeName, String progressStoreName, SplatPipeline pipeline, ArtifactStore artifacts,
                        Duration timeoutCheck) {
        this.storeName = storeName;
        this.progressStoreName = progressStoreName;
        this.pipeline = pipeline;
        this.artifacts = artifacts;
        this.timeoutCheck = timeoutCheck;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        this.progress = context.getStateStore(progressStoreName);
        this.cameras = context.getStateStore(VisionTopology.CAMERA_CONFIG_STORE);
        this.startedWallMs = context.currentSystemTimeMs();
        context.schedule(timeoutCheck, PunctuationType.WALL_CLOCK_TIME, this::closeTimedOut);
    }

    @Override
    public void process(Record<String, StageInput> record) {
        StageInput in = record.value();
        RigSettings rig = in.config().rig();
        if (rig.sequence()) {
            processSequenceFrame(record.key(), in, rig);
        } else {
            processRigFrame(record.key(), in, rig);
        }
    }

    private void processSequenceFrame(String key, StageInput in, RigSettings rig) {
        PendingScene scene = pending.get(key);
        if (scene == null) {
            scene = open(key, in.captureTime().toEpochMilli(), rig);
        }
        scene = scene.withView(view(in, scene.views().size()));
        if (scene.complete()) {
            pending.delete(key);
            close(scene);
        } else {
            pending.put(key, scene);
        }
    }

    private void processRigFrame(String rigKey, StageInput in, RigSettings rig) {
        CameraConfig config = in.config();
        if (config.rigId() == null || config.viewIndex() == null || config.viewIndex() >= rig.views()) {
            reject(in, ErrorReason.BAD_CONFIG, "camera '" + in.cameraId() + "' enables splatting but declares no"
                    + " rigId and viewIndex below rig.views (" + rig.views() + ")");
            return;
        }
        RigMembership.Problem problem = membership.check(config, registeredCameras());
        if (problem != null) {
            reject(in, problem.reason(), problem.message());
            return;
        }
        int viewIndex = config.viewIndex();
        long capture = in.captureTime().toEpochMilli();
        RigProgress seen = Objects.requireNonNullElse(progress.get(rigKey), RigProgress.NONE);
        Long last = seen.last(viewIndex);
        if (last != null && capture < last) {
            reject(in, ErrorReason.BAD_INPUT, "frame of rig '" + rigKey + "' view " + viewIndex + " is older than"
                    + " that view's last frame (" + (last - capture) + " ms); dropped as late");
            return;
        }
        seen = seen.with(viewIndex, capture);
        progress.put(rigKey, seen);

        List<KeyValue<String, PendingScene>> open = openScenes(rigKey);
        KeyValue<String, PendingScene> target = open.stream()
                .filter(e -> Math.abs(capture - e.value.firstCaptureMs()) <= rig.toleranceMs()).findFirst()
                .orElse(null);
        if (target == null) {
            PendingScene scene = open(rigKey, capture, rig);
            target = KeyValue.pair(sceneKey(rigKey, capture), scene);
            open.add(target);
            open.sort(Comparator.comparingLong(e -> e.value.firstCaptureMs()));
        }
        PendingScene joined = target.value.withView(view(in, viewIndex));
        pending.put(target.key, joined);
        // close, oldest first, every scene that is complete or whose missing views have all moved past it
        for (KeyValue<String, PendingScene> entry : open) {
            PendingScene scene = entry.key.equals(target.key) ? joined : entry.value;
            if (scene.complete() || seen.passed(scene, rig.toleranceMs())) {
                pending.delete(entry.key);
                close(scene);
            }
        }
    }

    /** The open scenes of a rig, oldest first. */
    private List<KeyValue<String, PendingScene>> openScenes(String rigKey) {
        List<KeyValue<String, PendingScene>> open = new ArrayList<>();
        try (KeyValueIterator<String, PendingScene> it = pending.prefixScan(rigKey + SCENE_KEY_SEPARATOR,
                new StringSerializer())) {
            it.forEachRemaining(open::add);
        }
        return open;
    }

    private static String sceneKey(String rigKey, long captureMs) {
        return rigKey + SCENE_KEY_SEPARATOR + String.format(Locale.ROOT, "%020d", captureMs);
    }

    private Map<String, String> registeredCameras() {
        Map<String, String> registered = new TreeMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = cameras.all()) {
            all.forEachRemaining(e -> {
                if (e.value != null && e.value.value() != null) {
                    registered.put(e.key, e.value.value());
                }
            });
        }
        return registered;
    }

    private PendingScene open(String key, long capture, RigSettings rig) {
        return new PendingScene(key, capture, context.currentSystemTimeMs(), rig.views(), rig.timeoutMs(),
                rig.keepViews(), List.of());
    }

    private static PendingView view(StageInput in, int index) {
        return new PendingView(index, in.cameraId(), in.source(), in.captureTime().toEpochMilli(), in.contentType(),
                in.encoded(), in.config().camera());
    }

    private void closeTimedOut(long wallNowMs) {
        List<KeyValue<String, PendingScene>> due = new ArrayList<>();
        try (KeyValueIterator<String, PendingScene> all = pending.all()) {
            all.forEachRemaining(entry -> {
                if (wallNowMs - Math.max(entry.value.openedWallMs(), startedWallMs) >= entry.value.timeoutMs()) {
                    due.add(entry);
                }
            });
        }
        for (KeyValue<String, PendingScene> entry : due) {
            pending.delete(entry.key);
            close(entry.value);
        }
    }

    /** Builds the scene from what arrived, or says which views are missing; never throws. */
    private void close(PendingScene scene) {
        PendingView first = scene.views().get(0);
        Instant capture = Instant.ofEpochMilli(first.captureMs());
        List<Integer> missing = scene.missingViews();
        if (scene.views().size() < 2) {
            forward(scene, ErrorEvents.of(SplatEvent.STAGE, first.source(), capture, ErrorReason.BAD_INPUT,
                    "scene '" + scene.key() + "' needs two or more views; only view(s) " + indices(scene)
                            + " arrived before it closed (the missing views sent later frames, or "
                            + scene.timeoutMs() + " ms passed), missing " + missing, null));
            return;
        }
        try {
            forward(scene, build(scene, missing));
        } catch (IllegalArgumentException | ImageDecodeException e) {
            forward(scene, ErrorEvents.of(SplatEvent.STAGE, first.source(), capture, ErrorReason.BAD_INPUT,
                    "scene '" + scene.key() + "': " + e.getMessage(), e));
        } catch (RuntimeException e) {
            StoreOutageException.rethrowIfOutage(e, SplatEvent.STAGE, first.source(), capture, scene.key());
            forward(scene, ErrorEvents.of(SplatEvent.STAGE, first.source(), capture, ErrorReason.STAGE_FAILURE,
                    "splatting failed on scene '" + scene.key() + "': " + e, e));
        }
    }

    private Publication build(PendingScene scene, List<Integer> missing) throws ImageDecodeException {
        long start = System.nanoTime();
        List<SplatView> views = new ArrayList<>();
        Set<Integer> keep = new HashSet<>();
        for (int i = 0; i < scene.views().size(); i++) {
            PendingView v = scene.views().get(i);
            views.add(new SplatView(decoder.decode(v.encoded()), RigCameras.toViewCamera(v.camera())));
            if (scene.keepViews().contains(v.viewIndex())) {
                keep.add(i);
            }
        }
        if (!scene.keepViews().isEmpty() && keep.isEmpty()) {
            throw new IllegalArgumentException("none of the kept views " + scene.keepViews() + " arrived");
        }
        SplatResult result;
        synchronized (pipeline) {
            result = pipeline.build(views, keep);
        }
        long built = System.nanoTime();
        byte[] ply = SceneArtifacts.ply(result);
        ArtifactRef sceneRef = artifacts.put(ply, SceneArtifacts.PLY_CONTENT_TYPE);
        long written = System.nanoTime();
        ArtifactRef previewRef = artifacts.put(PngBytes.of(SceneArtifacts.preview(result)),
                SceneArtifacts.PNG_CONTENT_TYPE);
        long rendered = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>(result.timingsMs());
        timings.put("ply", (written - built) / 1e6);
        timings.put("preview", (rendered - written) / 1e6);
        timings.put("total", (rendered - start) / 1e6);
        PendingView first = scene.views().get(0);
        SplatEvent event = new SplatEvent(EventIds.of(SplatEvent.STAGE, first.source(), "scene"),
                SplatEvent.SCHEMA_VERSION, SplatEvent.STAGE, scene.key(), first.source(),
                scene.views().stream().map(PendingView::source).toList(), Instant.ofEpochMilli(first.captureMs()),
                Instant.now(), result.model(), result.scene().count(), sceneRef, previewRef, timings,
                views.size(), result.gaussiansBeforePruning(),
                result.poses().stream().map(p -> RigCameras.list(p.toMatrix4())).toList(),
                result.intrinsics().stream().map(RigCameras::list).toList(), result.width(), result.height(),
                RigCameras.list(result.scene().bounds()), result.scale(), missing,
                result.keptViews().stream().map(i -> scene.views().get(i).viewIndex()).toList());
        return new Publication(Topics.SPLATS, event);
    }

    private static List<Integer> indices(PendingScene scene) {
        return scene.views().stream().map(PendingView::viewIndex).toList();
    }

    private void forward(PendingScene scene, Publication publication) {
        context.forward(new Record<>(scene.key(), publication, scene.views().get(0).captureMs()));
    }

    private void reject(StageInput in, ErrorReason reason, String message) {
        context.forward(new Record<>(in.cameraId(), ErrorEvents.of(SplatEvent.STAGE, in.source(), in.captureTime(),
                reason, message, null), in.captureTime().toEpochMilli()));
    }
}
