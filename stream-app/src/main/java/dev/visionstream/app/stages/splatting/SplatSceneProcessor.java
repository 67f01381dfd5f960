package dev.visionstream.app.stages.splatting;

import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.ImageDecodeException;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects the views of a rig by capture time and adapts a complete (or timed-out) set to {@link SplatPipeline}.
 * Rig mode: a frame within the tolerance of the pending scene's first capture time joins it; a later one closes
 * it first; an earlier one is late and refused. Sequence mode: the next K frames of one camera form a scene.
 */
final class SplatSceneProcessor implements Processor<String, StageInput, String, Publication> {
    private final String storeName;
    private final SplatPipeline pipeline;
    private final ArtifactStore artifacts;
    private final Duration timeoutCheck;
    private final BoundedImageDecoder decoder = new BoundedImageDecoder();
    private ProcessorContext<String, Publication> context;
    private KeyValueStore<String, PendingScene> pending;

    SplatSceneProcessor(String storeName, SplatPipeline pipeline, ArtifactStore artifacts, Duration timeoutCheck) {
        this.storeName = storeName;
        this.pipeline = pipeline;
        this.artifacts = artifacts;
        this.timeoutCheck = timeoutCheck;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        context.schedule(timeoutCheck, PunctuationType.WALL_CLOCK_TIME, this::closeTimedOut);
    }

    @Override
    public void process(Record<String, StageInput> record) {
        StageInput in = record.value();
        CameraConfig config = in.config();
        RigSettings rig = config.rig();
        String key = record.key();
        long capture = in.captureTime().toEpochMilli();
        PendingScene scene = pending.get(key);
        if (rig.sequence()) {
            if (scene == null) {
                scene = open(key, capture, rig);
            }
            scene = scene.withView(view(in, scene.views().size()));
        } else {
            if (config.rigId() == null || config.viewIndex() == null || config.viewIndex() >= rig.views()) {
                reject(in, ErrorReason.BAD_CONFIG, "camera '" + in.cameraId() + "' enables splatting but declares no"
                        + " rigId and viewIndex below rig.views (" + rig.views() + ")");
                return;
            }
            if (scene != null && capture < scene.firstCaptureMs() - rig.toleranceMs()) {
                reject(in, ErrorReason.BAD_INPUT, "frame of rig '" + key + "' view " + config.viewIndex()
                        + " is older than the scene being collected; dropped as late");
                return;
            }
            if (scene != null && capture > scene.firstCaptureMs() + rig.toleranceMs()) {
                pending.delete(key);
                close(scene);
                scene = null;
            }
            if (scene == null) {
                scene = open(key, capture, rig);
            }
            scene = scene.withView(view(in, config.viewIndex()));
        }
        if (scene.complete()) {
            pending.delete(key);
            close(scene);
        } else {
            pending.put(key, scene);
        }
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
                if (wallNowMs - entry.value.openedWallMs() >= entry.value.timeoutMs()) {
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
                            + " arrived within " + scene.timeoutMs() + " ms, missing " + missing, null));
            return;
        }
        try {
            forward(scene, build(scene, missing));
        } catch (IllegalArgumentException | ImageDecodeException e) {
            forward(scene, ErrorEvents.of(SplatEvent.STAGE, first.source(), capture, ErrorReason.BAD_INPUT,
                    "scene '" + scene.key() + "': " + e.getMessage(), e));
        } catch (RuntimeException e) {
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
        ArtifactRef previewRef = artifacts.put(SceneArtifacts.png(SceneArtifacts.preview(result)),
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
