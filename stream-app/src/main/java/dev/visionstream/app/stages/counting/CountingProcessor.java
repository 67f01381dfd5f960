package dev.visionstream.app.stages.counting;

import dev.visionstream.app.topology.BatchProcessor;
import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.FrameBatch;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.models.Attempt;
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
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adapts frames to {@link Counter#countAll}: picks each frame's exemplars (header override, else the camera's) and
 * the camera's count estimator, turns bad input into error events (bad camera boxes: {@code BAD_CONFIG}; bad header
 * or frame: {@code BAD_INPUT}; a backbone that fails its contract: {@code BAD_CONFIG}), and writes the density
 * overlay when a store is given. A batch's frames share the backbone pass (one per frame size); a frame alone is a
 * batch of one.
 */
final class CountingProcessor implements BatchProcessor<StageInput>,
        FrameBatch.Steps<CountingProcessor.Job, CountResult> {
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

    /** A frame that passed its checks, with what it is counted by; or the error record of one that did not. */
    record Job(Record<String, StageInput> record, CountRequest request, boolean cameraBoxes,
               Record<String, Publication> refusal) implements FrameBatch.Job {
        static Job refused(Record<String, Publication> error) {
            return new Job(null, null, false, error);
        }
    }

    /**
     * Checks each record, counts those that pass with one {@link Counter#countAll} call, then forwards each record's
     * event or error in order.
     */
    @Override
    public void processBatch(List<Record<String, StageInput>> records) {
        FrameBatch.run(CountEvent.STAGE, records, this).forEach(context::forward);
    }

    /** The record's {@link Job}, refused when its header, exemplars or estimator cannot be used. */
    @Override
    public Job check(Record<String, StageInput> record) {
        StageInput in = record.value();
        Optional<List<Box>> override;
        try {
            override = ExemplarHeader.read(record.headers());
        } catch (IllegalArgumentException e) {
            return Job.refused(error(record, ErrorReason.BAD_INPUT, e.getMessage(), e));
        }
        List<Box> exemplars = override.orElse(in.config().exemplars());
        if (exemplars.isEmpty()) {
            return Job.refused(error(record, ErrorReason.BAD_CONFIG, "camera " + in.cameraId() + " enables counting "
                    + "but its config has no exemplar boxes (and the frame has no " + "vision.exemplars header)",
                    null));
        }
        CountEstimator estimator;
        try {
            estimator = estimator(in.config().counting());
        } catch (IllegalArgumentException e) {
            return Job.refused(error(record, ErrorReason.BAD_CONFIG, "camera " + in.cameraId() + " counting: "
                    + e.getMessage(), e));
        }
        return new Job(record, new CountRequest(in.image(), exemplars, estimator), override.isEmpty(), null);
    }

    /** One call for the batch; a counter that fails as a whole (it cannot load) fails each frame alike. */
    @Override
    public List<Attempt<CountResult>> runAll(List<Job> counted) {
        try {
            return counter.get().countAll(counted.stream().map(Job::request).toList());
        } catch (RuntimeException e) {
            return counted.stream().map(j -> Attempt.<CountResult>failed(e)).toList();
        }
    }

    /** The event of a counted job (its overlay written), or its error record. */
    @Override
    public List<Record<String, Publication>> finish(Job job, Attempt<CountResult> attempt) {
        return List.of(event(job, attempt));
    }

    private Record<String, Publication> event(Job job, Attempt<CountResult> attempt) {
        Record<String, StageInput> record = job.record();
        StageInput in = record.value();
        CountResult result;
        try {
            result = attempt.get();
        } catch (CountingInputException e) {
            boolean cameraBoxes = job.cameraBoxes() && e.subject() == CountingInputException.Subject.EXEMPLARS;
            return error(record, cameraBoxes ? ErrorReason.BAD_CONFIG : ErrorReason.BAD_INPUT,
                    (cameraBoxes ? "camera " + in.cameraId() + " exemplars: " : "") + e.getMessage(), e);
        } catch (BackboneContractException e) {
            return error(record, ErrorReason.BAD_CONFIG, "counting backbone: " + e.getMessage(), e);
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
        return record.withValue(new Publication(Topics.COUNTS, event));
    }

    private static CountEstimator estimator(CountingSettings settings) {
        return settings == null || settings.estimator() == null ? CountRequest.DEFAULT_ESTIMATOR
                : CountEstimator.parse(settings.estimator());
    }

    private static Record<String, Publication> error(Record<String, StageInput> record, ErrorReason reason,
                                                     String message, Throwable cause) {
        StageInput in = record.value();
        return record.withValue(ErrorEvents.of(CountEvent.STAGE, in.source(), in.captureTime(), reason, message,
                cause));
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
