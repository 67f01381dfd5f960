package dev.visionstream.app.stages.inpainting;

import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.topology.BatchProcessor;
import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.FrameBatch;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.LocalArtifactStore;
import dev.visionstream.models.Attempt;
import dev.visionstream.models.image.PngBytes;
import dev.visionstream.models.inpainting.InpaintInputException;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.InpaintOutcome;
import dev.visionstream.models.inpainting.Inpainting;
import dev.visionstream.models.inpainting.PolygonMask;
import dev.visionstream.models.inpainting.RnWeightsException;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.InpaintEvent;
import dev.visionstream.schemas.InpaintSettings;
import dev.visionstream.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adapts frame records to {@link Inpainting#runAll}: mask lookup, method choice, outputs and error events; a frame
 * alone is a batch of one.
 */
final class InpaintingProcessor implements BatchProcessor<StageInput>,
        FrameBatch.Steps<InpaintingProcessor.Job, InpaintOutcome> {
    static final String PNG = "image/png";

    private final ArtifactStore artifacts;
    private final InpainterPool inpainters;
    private final MaskLoader masks;
    private ProcessorContext<String, Publication> context;
    /** When the batch being processed began: an event's total time counts from there. */
    private long batchStart;

    InpaintingProcessor(ArtifactStore artifacts, InpainterPool inpainters, MaskLoader masks) {
        this.artifacts = artifacts;
        this.inpainters = inpainters;
        this.masks = masks;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
    }

    /**
     * Checks each record and loads its mask, runs the frames that need a model through {@link Inpainting#runAll}
     * (one call per method, so one RN forward pass per frame size), then forwards each record's outputs in order.
     */
    @Override
    public void processBatch(List<Record<String, StageInput>> records) {
        batchStart = System.nanoTime();
        FrameBatch.run(InpaintEvent.STAGE, records, this).forEach(context::forward);
    }

    /** A frame that passed its checks, with its mask loaded; or the error record of one that did not. */
    record Job(Record<String, StageInput> record, InpaintMethod method, InpaintMask mask, String maskName,
               Record<String, Publication> refusal) implements FrameBatch.Job {
        static Job refused(Record<String, Publication> error) {
            return new Job(null, null, null, null, error);
        }
    }

    /** The record's {@link Job}, refused when its config, header or mask cannot be used. */
    @Override
    public Job check(Record<String, StageInput> record) {
        StageInput in = record.value();
        InpaintSettings settings = in.config().inpainting();
        InpaintMethod method;
        try {
            method = InpaintMethod.parse(settings == null ? null : settings.method());
        } catch (IllegalArgumentException e) {
            return Job.refused(error(record, ErrorReason.BAD_CONFIG, e.getMessage(), e));
        }
        Optional<String> headerMask = FrameHeaders.string(record.headers(), FrameHeaders.INPAINT_MASK);
        String location = headerMask.orElse(in.config().maskUri());
        List<List<List<Double>>> zones = headerMask.isEmpty() && settings != null ? settings.polygons() : List.of();
        boolean hasLocation = location != null && !location.isBlank();
        if (!hasLocation && zones.isEmpty()) {
            return Job.refused(error(record, ErrorReason.BAD_CONFIG, "camera " + in.cameraId() + " enables "
                    + "inpainting but has no mask: set maskUri or inpainting.polygons in its config, or send a "
                    + FrameHeaders.INPAINT_MASK + " header", null));
        }
        if (headerMask.isPresent() && !headerMask.get().startsWith(LocalArtifactStore.URI_PREFIX)) {
            // records may not choose files: only the operator's camera config may name a mask file
            return Job.refused(error(record, ErrorReason.BAD_INPUT, "a per-frame mask must be an artifact-store "
                    + "reference (" + LocalArtifactStore.URI_PREFIX + "...), not " + headerMask.get(), null));
        }
        String checksum = headerMask.isPresent()
                ? FrameHeaders.string(record.headers(), FrameHeaders.INPAINT_MASK_SHA256).orElse(null)
                : settings == null ? null : settings.maskSha256();
        // a broken config mask is a configuration problem; a broken per-frame mask is bad input
        ErrorReason maskReason = headerMask.isPresent() ? ErrorReason.BAD_INPUT : ErrorReason.BAD_CONFIG;
        InpaintMask mask;
        try {
            mask = hasLocation ? masks.load(location, checksum) : null;
            if (!zones.isEmpty()) {
                int w = in.image().getWidth();
                int h = in.image().getHeight();
                InpaintMask drawn = PolygonMask.rasterise(w, h, zones);
                mask = mask == null ? drawn : mask.fittedTo(w, h).union(drawn);
            }
        } catch (InpaintInputException e) {
            return Job.refused(error(record, maskReason, e.getMessage(), e));
        }
        String maskName = hasLocation ? location + (zones.isEmpty() ? "" : " with the config's polygons")
                : "from the config's polygons";
        return new Job(record, method, mask, maskName, null);
    }

    /** One {@link Inpainting#runAll} call per method. */
    @Override
    public List<Attempt<InpaintOutcome>> runAll(List<Job> passed) {
        Map<InpaintMethod, List<Job>> byMethod = new EnumMap<>(InpaintMethod.class);
        passed.forEach(job -> byMethod.computeIfAbsent(job.method, m -> new ArrayList<>()).add(job));
        Map<Job, Attempt<InpaintOutcome>> attempts = new IdentityHashMap<>();
        byMethod.forEach((method, group) -> {
            List<Attempt<InpaintOutcome>> out = Inpainting.runAll(() -> inpainters.get(method),
                    group.stream().map(j -> j.record.value().image()).toList(),
                    group.stream().map(j -> j.mask).toList());
            for (int i = 0; i < group.size(); i++) {
                attempts.put(group.get(i), out.get(i));
            }
        });
        return passed.stream().map(attempts::get).toList();
    }

    /** The event and the inpainted frame of a job, or its error records. */
    @Override
    public List<Record<String, Publication>> finish(Job job, Attempt<InpaintOutcome> attempt) {
        Record<String, StageInput> record = job.record;
        StageInput in = record.value();
        InpaintOutcome outcome;
        try {
            outcome = attempt.get();
        } catch (InpaintInputException e) {
            return List.of(error(record, ErrorReason.BAD_INPUT, e.getMessage(), e));
        } catch (RnWeightsException e) {
            return List.of(error(record, ErrorReason.STAGE_FAILURE, e.getMessage(), e));
        }
        if (outcome.passedThrough()) {
            return List.of(record.withValue(Publication.frame(Topics.FRAMES_INPAINTED, in.encoded()))
                            .withHeaders(copy(record.headers())),
                    error(record, ErrorReason.BAD_INPUT, "mask " + job.maskName + " has no holes: frame passed "
                            + "through unchanged, no model call", null));
        }
        long encodeStart = System.nanoTime();
        byte[] png = PngBytes.of(outcome.image());
        ArtifactRef output = artifacts.put(png, PNG);
        double encodeMs = (System.nanoTime() - encodeStart) / 1e6;
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("model", outcome.modelMillis());
        timings.put("encodeAndStore", encodeMs);
        timings.put("total", (System.nanoTime() - batchStart) / 1e6);
        InpaintEvent event = new InpaintEvent(EventIds.of(InpaintEvent.STAGE, in.source(), job.method.id()),
                InpaintEvent.SCHEMA_VERSION, InpaintEvent.STAGE, in.source(), in.captureTime(), Instant.now(),
                inpainters.get(job.method).model(), job.method.id(), outcome.maskFraction(), output, timings);
        return List.of(record.withValue(new Publication(Topics.INPAINTED, event)),
                record.withValue(frame(png)).withHeaders(frameHeaders(record.headers(), png, output, outcome)));
    }

    private static Publication frame(byte[] png) {
        // same envelope as vision.frames: a frame over the in-band limit travels as a claim-check
        return Publication.frame(Topics.FRAMES_INPAINTED,
                png.length > TopicCatalog.FRAME_INBAND_MAX_BYTES ? new byte[0] : png);
    }

    private static Headers frameHeaders(Headers original, byte[] png, ArtifactRef stored, InpaintOutcome outcome) {
        Headers headers = copy(original);
        headers.remove(FrameHeaders.CLAIM_CHECK);
        headers.remove(FrameHeaders.CLAIM_CHECK_SHA256);
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, PNG);
        FrameHeaders.put(headers, FrameHeaders.WIDTH, outcome.image().getWidth());
        FrameHeaders.put(headers, FrameHeaders.HEIGHT, outcome.image().getHeight());
        if (png.length > TopicCatalog.FRAME_INBAND_MAX_BYTES) {
            FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK, stored.uri());
            FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK_SHA256, stored.sha256());
        }
        return headers;
    }

    private static Headers copy(Headers original) {
        RecordHeaders copy = new RecordHeaders();
        for (Header h : original) {
            copy.add(h.key(), h.value());
        }
        return copy;
    }

    private static Record<String, Publication> error(Record<String, StageInput> record, ErrorReason reason,
                                                     String message, Throwable cause) {
        StageInput in = record.value();
        return record.withValue(ErrorEvents.of(InpaintEvent.STAGE, in.source(), in.captureTime(), reason, message,
                cause));
    }
}
