package dev.visionstream.app.stages.counting;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Json;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/** Reads the per-frame exemplar override, {@link FrameHeaders#EXEMPLARS}: a JSON list of boxes. */
final class ExemplarHeader {
    private static final TypeReference<List<Box>> BOXES = new TypeReference<>() {
    };

    private ExemplarHeader() {
    }

    /** The boxes, empty when the header is absent; throws {@link IllegalArgumentException} when it is not valid. */
    static Optional<List<Box>> read(Headers headers) {
        Optional<String> raw = FrameHeaders.string(headers, FrameHeaders.EXEMPLARS);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Box> boxes = Json.MAPPER.readValue(raw.get(), BOXES);
            if (boxes == null || boxes.stream().anyMatch(b -> b == null)) {
                throw new IllegalArgumentException("null box");
            }
            return Optional.of(boxes);
        } catch (Exception e) {
            throw new IllegalArgumentException("header " + FrameHeaders.EXEMPLARS + " is not a JSON list of boxes "
                    + "[{\"x\":..,\"y\":..,\"width\":..,\"height\":..}]: " + e.getMessage(), e);
        }
    }
}
