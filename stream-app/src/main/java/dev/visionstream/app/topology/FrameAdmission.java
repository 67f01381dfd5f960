package dev.visionstream.app.topology;

import dev.visionstream.models.image.BoundedImageDecoder;
import dev.visionstream.models.image.ImageDecodeException;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.SourceCoordinates;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The gate in front of the stages: checks the camera and its config, resolves claim-checks, checks the content
 * type and decodes the image once for all stages. Anything wrong becomes one error event; the stream goes on.
 */
public final class FrameAdmission implements FixedKeyProcessor<String, ConfiguredFrame, Admission> {
    public static final String STAGE = "admission";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/jpg", "image/png");

    private final CameraConfigs configs = new CameraConfigs();
    private final BoundedImageDecoder decoder;
    private final ClaimCheckResolver claimChecks;
    private FixedKeyProcessorContext<String, Admission> context;

    public FrameAdmission(BoundedImageDecoder decoder, ClaimCheckResolver claimChecks) {
        this.decoder = decoder;
        this.claimChecks = claimChecks;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Admission> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ConfiguredFrame> record) {
        Headers headers = record.headers();
        long sequence = FrameHeaders.number(headers, FrameHeaders.SEQUENCE).orElse(-1);
        String cameraId = record.key() == null ? "" : record.key();
        Optional<RecordMetadata> meta = context.recordMetadata();
        SourceCoordinates source = new SourceCoordinates(cameraId.isEmpty() ? "(none)" : cameraId,
                meta.map(RecordMetadata::topic).orElse(null), meta.map(RecordMetadata::partition).orElse(null),
                meta.map(RecordMetadata::offset).orElse(null), sequence < 0 ? null : sequence);
        Instant captureTime = Instant.ofEpochMilli(record.timestamp());
        StageInput admitted;
        try {
            admitted = admit(cameraId, source, captureTime, sequence, record.value(), headers);
        } catch (Rejected r) {
            context.forward(record.withValue(Admission.rejected(
                    ErrorEvents.of(STAGE, source, captureTime, r.reason, r.getMessage(), r.getCause()))));
            return;
        } catch (RuntimeException e) {
            StoreOutageException.rethrowIfOutage(e, STAGE, source, captureTime, record.key());
            throw e;
        }
        context.forward(record.withValue(Admission.accepted(admitted)));
    }

    private StageInput admit(String cameraId, SourceCoordinates source, Instant captureTime, long sequence,
                             ConfiguredFrame frame, Headers headers) throws Rejected {
        if (cameraId.isEmpty()) {
            throw new Rejected(ErrorReason.UNKNOWN_CAMERA, "frame record has no camera id key", null);
        }
        if (frame == null || frame.configJson() == null) {
            throw new Rejected(ErrorReason.UNKNOWN_CAMERA, "no configuration for camera '" + cameraId + "'", null);
        }
        CameraConfig config;
        try {
            config = configs.parse(cameraId, frame.configJson());
        } catch (CameraConfigs.InvalidConfigException e) {
            throw new Rejected(ErrorReason.BAD_CONFIG, e.getMessage(), null);
        }
        Optional<String> declared = FrameHeaders.string(headers, FrameHeaders.CONTENT_TYPE).map(String::trim);
        if (declared.isPresent() && !IMAGE_TYPES.contains(declared.get().toLowerCase())) {
            throw new Rejected(ErrorReason.WRONG_CONTENT_TYPE,
                    "content type '" + declared.get() + "' is not image/jpeg or image/png", null);
        }
        byte[] bytes = frameBytes(frame.bytes(), headers);
        String actualType = sniff(bytes);
        if (declared.isPresent() && actualType != null && !actualType.equals(normalised(declared.get()))) {
            throw new Rejected(ErrorReason.WRONG_CONTENT_TYPE,
                    "content type says '" + declared.get() + "' but the bytes are " + actualType, null);
        }
        String contentType = declared.orElse(actualType == null ? "application/octet-stream" : actualType);
        BufferedImage image;
        try {
            image = decoder.decode(bytes);
        } catch (ImageDecodeException e) {
            throw new Rejected(switch (e.reason()) {
                case EMPTY -> ErrorReason.EMPTY_FRAME;
                case TOO_MANY_BYTES -> ErrorReason.OVERSIZED_RECORD;
                case PIXEL_LIMIT_EXCEEDED -> ErrorReason.PIXEL_LIMIT_EXCEEDED;
                case UNSUPPORTED_FORMAT, CORRUPT -> ErrorReason.UNDECODABLE_FRAME;
            }, e.getMessage(), e);
        }
        return new StageInput(cameraId, source, captureTime, sequence, config, contentType, bytes, image);
    }

    private byte[] frameBytes(byte[] value, Headers headers) throws Rejected {
        Optional<String> claim = FrameHeaders.string(headers, FrameHeaders.CLAIM_CHECK);
        if (claim.isEmpty()) {
            if (value == null || value.length == 0) {
                throw new Rejected(ErrorReason.EMPTY_FRAME, "frame record has no bytes and no claim-check", null);
            }
            return value;
        }
        String sha = FrameHeaders.string(headers, FrameHeaders.CLAIM_CHECK_SHA256).orElse("");
        if (sha.isEmpty()) {
            throw new Rejected(ErrorReason.CLAIM_CHECK_INVALID,
                    "claim-check " + claim.get() + " has no checksum", null);
        }
        try {
            return claimChecks.resolve(claim.get(), sha);
        } catch (RuntimeException e) {
            if (StoreOutageException.isOutage(e)) {
                throw e; // the store is down, the claim-check may be fine: process the frame again later
            }
            throw new Rejected(ErrorReason.CLAIM_CHECK_INVALID,
                    "claim-check " + claim.get() + " cannot be used: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new Rejected(ErrorReason.CLAIM_CHECK_INVALID,
                    "claim-check " + claim.get() + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** image/jpeg or image/png from the magic bytes; null for anything else (the decoder then says what). */
    private static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        return null;
    }

    private static String normalised(String contentType) {
        String t = contentType.toLowerCase();
        return t.equals("image/jpg") ? "image/jpeg" : t;
    }

    /** Why a frame was not admitted; control flow inside this class only. */
    private static final class Rejected extends Exception {
        private final ErrorReason reason;

        Rejected(ErrorReason reason, String message, Throwable cause) {
            super(message, cause, false, false);
            this.reason = reason;
        }
    }
}
