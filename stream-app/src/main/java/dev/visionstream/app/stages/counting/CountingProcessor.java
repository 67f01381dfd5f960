package dev.visionstream.app.stages.counting;

import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.counting.BackboneContractException;
import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountRequest;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.Counter;
import dev.visionstream.models.counting.CountingInputException;
import dev.visionstream.models.counting.DensityOverlay;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.CountEvent;
import dev.visionstream.schemas.CountingSettings;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adapts a frame to {@link Counter#count}: picks the exemplars (header override, else the camera's) and the
 * camera's count estimator, turns
 * bad input into error events (bad camera boxes: {@code BAD_CONFIG}; bad header or frame: {@code BAD_INPUT}; a
 * backbone that fails its contract: {@code BAD_CONFIG}), and writes the density overlay when a store is given.
 */
final class CountingProcessor implements Processor<String, StageInput, String, Publication> {
    private final Supplier<? extends Counter> counter;
    private final ArtifactStore overlays;
    private ProcessorContext<String, Publication> context;

    CountingProcessor(Supplier<? extends Counter> counter, ArtifactStore overlays) {
        this.counter = counter;
        this.overlays = overlays;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, StageInput> record) {
        StageInput in = record.value();
        Optional<List<Box>> override;
        try {
            override = ExemplarHeader.read(record.headers());
        } catch (IllegalArgumentException e) {
            fail(record, ErrorReason.BAD_INPUT, e.getMessage(), e);
            return;
        }
        List<Box> exemplars = override.orElse(in.config().exemplars());
        if (exemplars.isEmpty()) {
            fail(record, ErrorReason.BAD_CONFIG, "camera " + in.cameraId() + " enables counting but its config has "
                    + "no exemplar boxes (and the frame has no " + "vision.exemplars header)", null);
            return;
        }
        CountEstimator estimator;
        try {
            estimator = estimator(in.config().counting());
        } catch (IllegalArgumentException e) {
            fail(record, ErrorReason.BAD_CONFIG, "camera " + in.cameraId() + " counting: " + e.getMessage(), e);
            return;
        }
        CountResult result;
        try {
            result = counter.get().count(in.image(), exemplars, estimator);
        } catch (CountingInputException e) {
            boolean cameraBoxes = override.isEmpty() && e.subject() == CountingInputException.Subject.EXEMPLARS;
            fail(record, cameraBoxes ? ErrorReason.BAD_CONFIG : ErrorReason.BAD_INPUT,
                    (cameraBoxes ? "camera " + in.cameraId() + " exemplars: " : "") + e.getMessage(), e);
            return;
        } catch (BackboneContractException e) {
            fail(record, ErrorReason.BAD_CONFIG, "counting backbone: " + e.getMessage(), e);
            return;
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("backbone", round(result.timings().backboneMs()));
        timings.put("similarity", round(result.timings().similarityMs()));
        timings.put("postProcessing", round(result.timings().postProcessingMs()));
        ArtifactRef overlay = null;
        if (overlays != null) {
            long t0 = System.nanoTime();
            overlay = overlays.put(overlayName(in), DensityOverlay.png(in.image(), result), "image/png");
            timings.put("overlay", round((System.nanoTime() - t0) / 1e6));
        }
        CountEvent event = new CountEvent(EventIds.of(CountEvent.STAGE, in.source(), "count"),
                CountEvent.SCHEMA_VERSION, CountEvent.STAGE, in.source(), in.captureTime(), Instant.now(),
                result.backbone(), result.count(), result.exemplars(), result.peaks(), timings, overlay,
                result.warnings().isEmpty() ? null : result.warnings(), result.estimator().label(),
                result.densityCount(), result.instanceCount(), result.instances(), result.verifiedCount(),
                result.verified());
        context.forward(record.withValue(new Publication(Topics.COUNTS, event)));
    }

    private static CountEstimator estimator(CountingSettings settings) {
        return settings == null || settings.estimator() == null ? CountRequest.DEFAULT_ESTIMATOR
                : CountEstimator.parse(settings.estimator());
    }

    private void fail(Record<String, StageInput> record, ErrorReason reason, String message, Throwable cause) {
        StageInput in = record.value();
        context.forward(record.withValue(ErrorEvents.of(CountEvent.STAGE, in.source(), in.captureTime(), reason,
                message, cause)));
    }

    /** {@code <camera>/density/<partition>-<offset>.png}: stable per source record, so a retry overwrites. */
    private static String overlayName(StageInput in) {
        String camera = in.cameraId().replaceAll("[^A-Za-z0-9._-]", "_");
        if (camera.startsWith(".")) {
            camera = "_" + camera;
        }
        String where = in.source().offset() == null ? Long.toString(in.captureTime().toEpochMilli())
                : in.source().partition() + "-" + in.source().offset();
        return camera + "/density/" + where + ".png";
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
