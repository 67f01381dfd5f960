package dev.visionstream.app.stages.inpainting;

import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.ingest.LocalArtifactStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Adapts a frame record to {@link Inpainting#run}: mask lookup, method choice, outputs and error events. */
final class InpaintingProcessor implements Processor<String, StageInput, String, Publication> {
    static final String PNG = "image/png";

    private final ArtifactStore artifacts;
    private final InpainterPool inpainters;
    private final MaskLoader masks;
    private ProcessorContext<String, Publication> context;

    InpaintingProcessor(ArtifactStore artifacts, InpainterPool inpainters, MaskLoader masks) {
        this.artifacts = artifacts;
        this.inpainters = inpainters;
        this.masks = masks;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, StageInput> record) {
        StageInput in = record.value();
        long start = System.nanoTime();
        InpaintSettings settings = in.config().inpainting();
        InpaintMethod method;
        try {
            method = InpaintMethod.parse(settings == null ? null : settings.method());
        } catch (IllegalArgumentException e) {
            error(record, ErrorReason.BAD_CONFIG, e.getMessage(), e);
            return;
        }
        Optional<String> headerMask = FrameHeaders.string(record.headers(), FrameHeaders.INPAINT_MASK);
        String location = headerMask.orElse(in.config().maskUri());
        List<List<List<Double>>> zones = headerMask.isEmpty() && settings != null ? settings.polygons() : List.of();
        boolean hasLocation = location != null && !location.isBlank();
        if (!hasLocation && zones.isEmpty()) {
            error(record, ErrorReason.BAD_CONFIG, "camera " + in.cameraId() + " enables inpainting but has no mask: "
                    + "set maskUri or inpainting.polygons in its config, or send a " + FrameHeaders.INPAINT_MASK
                    + " header", null);
            return;
        }
        if (headerMask.isPresent() && !headerMask.get().startsWith(LocalArtifactStore.URI_PREFIX)) {
            // records may not choose files: only the operator's camera config may name a mask file
            error(record, ErrorReason.BAD_INPUT, "a per-frame mask must be an artifact-store reference ("
                    + LocalArtifactStore.URI_PREFIX + "...), not " + headerMask.get(), null);
            return;
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
            error(record, maskReason, e.getMessage(), e);
            return;
        }
        String maskName = hasLocation ? location + (zones.isEmpty() ? "" : " with the config's polygons")
                : "from the config's polygons";
        InpaintOutcome outcome;
        try {
            outcome = Inpainting.run(() -> inpainters.get(method), in.image(), mask);
        } catch (InpaintInputException e) {
            error(record, ErrorReason.BAD_INPUT, e.getMessage(), e);
            return;
        } catch (RnWeightsException e) {
            error(record, ErrorReason.STAGE_FAILURE, e.getMessage(), e);
            return;
        }
        if (outcome.passedThrough()) {
            context.forward(record.withValue(Publication.frame(Topics.FRAMES_INPAINTED, in.encoded()))
                    .withHeaders(copy(record.headers())));
            error(record, ErrorReason.BAD_INPUT, "mask " + maskName + " has no holes: frame passed through unchanged, "
                    + "no model call", null);
            return;
        }
        long encodeStart = System.nanoTime();
        byte[] png = PngBytes.of(outcome.image());
        ArtifactRef output = artifacts.put(png, PNG);
        double encodeMs = (System.nanoTime() - encodeStart) / 1e6;
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("model", outcome.modelMillis());
        timings.put("encodeAndStore", encodeMs);
        timings.put("total", (System.nanoTime() - start) / 1e6);
        InpaintEvent event = new InpaintEvent(EventIds.of(InpaintEvent.STAGE, in.source(), method.id()),
                InpaintEvent.SCHEMA_VERSION, InpaintEvent.STAGE, in.source(), in.captureTime(), Instant.now(),
                inpainters.get(method).model(), method.id(), outcome.maskFraction(), output, timings);
        context.forward(record.withValue(new Publication(Topics.INPAINTED, event)));
        context.forward(record.withValue(frame(png)).withHeaders(frameHeaders(record.headers(), png, output,
                outcome)));
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

    private void error(Record<String, StageInput> record, ErrorReason reason, String message, Throwable cause) {
        StageInput in = record.value();
        context.forward(record.withValue(ErrorEvents.of(InpaintEvent.STAGE, in.source(), in.captureTime(), reason,
                message, cause)));
    }
}
