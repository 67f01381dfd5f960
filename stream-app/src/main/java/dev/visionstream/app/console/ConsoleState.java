package dev.visionstream.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the console knows, built from the records its feed reads: the event history with links to pictures, where
 * the frames those links point at are, the cameras table (frames counted from the events about them), the
 * artifacts events refer to (the only ones it serves) and the 3D targets of pose tracks. Bounded everywhere.
 */
public final class ConsoleState {
    static final int EVENTS_PER_KEY = 200;
    static final int KEYS_PER_KIND = 200;
    static final int RECENT_FRAMES = 48;
    static final int PINNED_FRAMES = 64;
    static final int MAX_ARTIFACTS = 2_000;
    static final int TARGETS_PER_TRACK = 64;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ConsoleHistory history = new ConsoleHistory(EVENTS_PER_KEY, KEYS_PER_KIND);
    private final FrameIndex frames = new FrameIndex(RECENT_FRAMES, PINNED_FRAMES, KEYS_PER_KIND);
    private final CameraBoard board = new CameraBoard();
    private final Map<String, ArtifactRef> artifacts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArtifactRef> eldest) {
            return size() > MAX_ARTIFACTS;
        }
    };
    private final Map<String, LinkedHashMap<String, JsonNode>> targets = new LinkedHashMap<>();

    public ConsoleHistory history() {
        return history;
    }

    public FrameIndex frames() {
        return frames;
    }

    public CameraBoard board() {
        return board;
    }

    /** A camera config (null value: deleted). An unreadable config counts as none. */
    public void config(String cameraId, byte[] json) {
        if (cameraId == null) {
            return;
        }
        List<String> stages = null;
        if (json != null) {
            try {
                JsonNode config = Json.MAPPER.readTree(json);
                stages = new ArrayList<>();
                for (JsonNode s : config.path("stages")) {
                    stages.add(s.asText());
                }
            } catch (IOException e) {
                stages = null;
            }
        }
        board.config(cameraId, stages);
    }

    /** 3D joints of a track in SMPL order, remembered by timestamp to draw beside the fitted pose. */
    public void keypoints(String key, byte[] json) {
        JsonNode m = read(json);
        String track = text(m, "trackId", text(m, "cameraId", key));
        if (track == null || !"smpl24".equals(m.path("format").asText("smpl24"))) {
            return;
        }
        synchronized (targets) {
            LinkedHashMap<String, JsonNode> byTime = targets.computeIfAbsent(track, k -> new LinkedHashMap<>());
            byTime.put(m.path("timestamp").asText(), m.path("joints"));
            while (byTime.size() > TARGETS_PER_TRACK) {
                byTime.remove(byTime.keySet().iterator().next());
            }
            while (targets.size() > KEYS_PER_KIND) {
                targets.remove(targets.keySet().iterator().next());
            }
        }
    }

    /** One event of {@code kind}: kept in the history with links to what it shows. */
    public ConsoleEvent event(String kind, byte[] json) {
        JsonNode e = read(json);
        String camera = text(e.path("source"), "cameraId", null);
        long sequence = e.path("source").path("sequence").asLong(-1);
        frameOf(camera, sequence, e);
        Map<String, Object> links = new LinkedHashMap<>();
        String key = camera;
        switch (kind) {
            case "health" -> {
                List<String> kinds = new ArrayList<>();
                e.path("findings").forEach(f -> kinds.add(f.path("kind").asText()));
                if (camera != null) {
                    board.health(camera, kinds);
                    if (!kinds.isEmpty()) {
                        pinnedFrame(camera, sequence).ifPresent(url -> links.put("frame", url));
                    }
                }
            }
            case "count" -> {
                artifact(e.path("densityOverlay")).ifPresent(url -> links.put("overlay", url));
                pinnedFrame(camera, sequence).ifPresent(url -> links.put("frame", url));
            }
            case "inpaint" -> {
                pinnedFrame(camera, sequence).ifPresent(url -> links.put("before", url));
                artifact(e.path("output")).ifPresent(url -> links.put("after", url));
            }
            case "splat" -> {
                key = text(e, "rigId", camera);
                artifact(e.path("scene")).ifPresent(url -> links.put("scene", url));
                artifact(e.path("preview")).ifPresent(url -> links.put("preview", url));
            }
            case "pose" -> {
                key = text(e, "trackId", camera);
                targetsOf(key, e.path("captureTime").asText()).ifPresent(t -> links.put("targets", t));
            }
            default -> {
                // errors and anything else: the event alone
            }
        }
        return history.append(kind, key, e, links);
    }

    /** An event about one frame of the frames topic: the frame is indexed, and counted once on the board. */
    private void frameOf(String camera, long sequence, JsonNode e) {
        JsonNode source = e.path("source");
        if (camera == null || sequence < 0 || !Topics.FRAMES.equals(source.path("topic").asText())
                || !source.path("partition").canConvertToInt() || !source.path("offset").canConvertToLong()) {
            return;
        }
        int partition = source.path("partition").asInt();
        long offset = source.path("offset").asLong();
        frames.add(new SourceCoordinates(camera, Topics.FRAMES, partition, offset, sequence));
        board.frame(camera, offset, parse(e.path("captureTime").asText()), partition, System.currentTimeMillis());
    }

    public void lag(Map<Integer, Long> byPartition) {
        board.lag(byPartition);
    }

    /** The artifact with this SHA-256 if an event referred to it; nothing else is served. */
    public Optional<ArtifactRef> artifact(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        synchronized (artifacts) {
            return Optional.ofNullable(artifacts.get(sha256));
        }
    }

    private Optional<String> artifact(JsonNode ref) {
        if (!ref.isObject()) {
            return Optional.empty();
        }
        String sha = ref.path("sha256").asText("").toLowerCase(Locale.ROOT);
        String uri = ref.path("uri").asText("");
        if (!SHA256.matcher(sha).matches() || uri.isEmpty()) {
            return Optional.empty();
        }
        synchronized (artifacts) {
            artifacts.put(sha, new ArtifactRef(uri, sha, ref.path("bytes").asLong(), text(ref, "contentType",
                    "application/octet-stream")));
        }
        return Optional.of("/api/artifacts/" + sha);
    }

    private Optional<String> pinnedFrame(String camera, long sequence) {
        if (camera == null || sequence < 0 || !frames.pin(camera, sequence)) {
            return Optional.empty();
        }
        return Optional.of("/api/frames/" + URLEncoder.encode(camera, StandardCharsets.UTF_8).replace("+", "%20")
                + "/" + sequence);
    }

    private Optional<JsonNode> targetsOf(String track, String captureTime) {
        synchronized (targets) {
            LinkedHashMap<String, JsonNode> byTime = targets.get(track);
            if (byTime == null || byTime.isEmpty()) {
                return Optional.empty();
            }
            JsonNode exact = byTime.get(captureTime);
            if (exact != null) {
                return Optional.of(exact);
            }
            // timestamps may be written with other precision: the same instant, else the newest
            Instant at = parse(captureTime);
            for (Map.Entry<String, JsonNode> t : byTime.entrySet()) {
                if (at != null && at.equals(parse(t.getKey()))) {
                    return Optional.of(t.getValue());
                }
            }
            return Optional.empty();
        }
    }

    private static Instant parse(String time) {
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : fallback;
    }
}
