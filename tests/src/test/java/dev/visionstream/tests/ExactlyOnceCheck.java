package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;

/**
 * The exactly-once check of the fault tests over what a read_committed consumer saw, stage by stage: exactly one
 * result per frame (per keypoint record for pose, per round of the rig for splatting), none missing, none
 * duplicated, in order per camera (track, rig), and no error events. Stateful stages must also have resumed from
 * their changelogs: each pose track is initialised from the rest pose once only, every scene holds all views of
 * one round, and camera health never raises a (false gap or frozen) alert.
 */
final class ExactlyOnceCheck {
    private final FaultWorkload workload;

    ExactlyOnceCheck(FaultWorkload workload) {
        this.workload = workload;
    }

    static List<JsonNode> evaluations(EventCollector c) {
        return c.on(Topics.CAMERA_HEALTH).stream().filter(e -> e.has("frame")).toList();
    }

    /** Whether every stage has published at least as many results as expected (then duplicates would show). */
    static boolean complete(EventCollector c) {
        return evaluations(c).size() >= FaultWorkload.TOTAL_FRAMES
                && c.on(Topics.COUNTS).size() >= FaultWorkload.COUNTING_FRAMES
                && c.on(Topics.INPAINTED).size() >= FaultWorkload.CAMERAS * FaultWorkload.FRAMES_PER_CAMERA
                && c.on(Topics.SPLATS).size() >= FaultWorkload.FRAMES_PER_CAMERA
                && c.on(Topics.POSES).size() >= FaultWorkload.expectedKeypoints();
    }

    static String progress(EventCollector c) {
        return "health %d/%d, counting %d/%d, inpainting %d/%d, splatting %d/%d, pose %d/%d, errors %d".formatted(
                evaluations(c).size(), FaultWorkload.TOTAL_FRAMES, c.on(Topics.COUNTS).size(),
                FaultWorkload.COUNTING_FRAMES, c.on(Topics.INPAINTED).size(),
                FaultWorkload.CAMERAS * FaultWorkload.FRAMES_PER_CAMERA,
                c.on(Topics.SPLATS).size(), FaultWorkload.FRAMES_PER_CAMERA, c.on(Topics.POSES).size(),
                FaultWorkload.expectedKeypoints(), c.on(Topics.ERRORS).size())
                + c.on(Topics.ERRORS).stream().limit(3).map(e -> "\n  " + e.get("stage").asText() + " "
                        + e.get("reason").asText() + ": " + e.get("message").asText()).reduce("", String::concat);
    }

    /**
     * @param inpaintedFrames committed records of {@code vision.frames.inpainted}: sequences per camera
     * @param scenario        named in the printed summary
     */
    void verify(EventCollector events, Map<String, List<Long>> inpaintedFrames, String scenario) {
        List<String> cameras = FaultWorkload.cameras();
        Map<String, List<Long>> everyFrame = new TreeMap<>();
        for (String camera : cameras) {
            everyFrame.put(camera, sequences(FaultWorkload.FRAMES_PER_CAMERA));
        }
        Map<String, List<Long>> countingFrames = Map.of(FaultWorkload.COUNTING_CAMERA,
                sequences(FaultWorkload.COUNTING_FRAMES));
        Map<String, List<Long>> allFrames = new TreeMap<>(everyFrame);
        allFrames.putAll(countingFrames);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        tallies.put("camera-health", Tally.of(allFrames, bySourceSequence(evaluations(events))));
        tallies.put("counting", Tally.of(countingFrames, bySourceSequence(events.on(Topics.COUNTS))));
        tallies.put("inpainting", Tally.of(everyFrame, bySourceSequence(events.on(Topics.INPAINTED))));
        tallies.put("inpainted frames", Tally.of(everyFrame, inpaintedFrames));
        tallies.put("splatting", Tally.of(Map.of(FaultWorkload.RIG, everyFrame.get(cameras.get(0))),
                scenesByRig(events.on(Topics.SPLATS))));
        tallies.put("pose", Tally.of(expectedKeypointTimes(), keypointTimesByTrack(events.on(Topics.POSES))));

        StringBuilder summary = new StringBuilder();
        tallies.forEach((stage, t) -> summary.append("%s %d (missing %d, duplicated %d, out of order %d); "
                .formatted(stage, t.seen, t.missing, t.duplicated, t.outOfOrder)));
        long rigViews = events.on(Topics.SPLATS).stream().mapToLong(e -> e.get("views").size()).sum();
        System.out.printf("faults [%s]: %d frames and %d keypoint records; events checked: %s%d rig views%n",
                scenario, FaultWorkload.TOTAL_FRAMES, FaultWorkload.expectedKeypoints(), summary, rigViews);

        tallies.forEach((stage, t) -> t.assertExact(stage));
        verifyScenesHoldWholeRounds(events.on(Topics.SPLATS));
        verifyTracksInitialisedOnce(events.on(Topics.POSES));
        List<JsonNode> alerts = evaluations(events).stream().filter(e -> e.get("status").asText().equals("alert"))
                .toList();
        assertEquals(List.of(), alerts, "camera health resumed: no spurious gaps or frozen runs after recovery");
        assertEquals(List.of(), events.on(Topics.ERRORS), "no errors");
    }

    /** Every scene: all views of the rig exactly once, in view order, all from the same round. */
    private static void verifyScenesHoldWholeRounds(List<JsonNode> scenes) {
        for (JsonNode scene : scenes) {
            List<String> viewCameras = new ArrayList<>();
            Set<Long> rounds = new HashSet<>();
            for (JsonNode view : scene.get("views")) {
                viewCameras.add(view.get("cameraId").asText());
                rounds.add(view.get("sequence").asLong());
            }
            assertEquals(FaultWorkload.rigCameras(), viewCameras, "every view of the rig exactly once: " + scene);
            assertEquals(1, rounds.size(), "views of one round only: " + scene);
            assertEquals(List.of(), toList(scene.get("missingViews")), "no view missing: " + scene);
        }
    }

    /** A track restarted from the rest pose after a crash would show a second {@code rest} initialisation. */
    private static void verifyTracksInitialisedOnce(List<JsonNode> poses) {
        Map<String, List<String>> initSources = new TreeMap<>();
        for (JsonNode pose : poses) {
            initSources.computeIfAbsent(pose.get("trackId").asText(), k -> new ArrayList<>())
                    .add(pose.get("initSource").asText());
        }
        for (Map.Entry<String, List<String>> track : initSources.entrySet()) {
            List<String> sources = track.getValue();
            assertEquals("rest", sources.get(0), track.getKey() + " starts from the rest pose");
            assertEquals(1, sources.stream().filter("rest"::equals).count(),
                    track.getKey() + " initialised once: its state resumed from the changelog, " + sources);
            assertEquals(List.of(), sources.stream().filter(s -> !s.equals("rest") && !s.equals("previous"))
                    .toList(), track.getKey() + " continued from its previous pose, without gaps");
        }
        System.out.printf("faults: %d pose tracks, each initialised once (rest), then continued from its state%n",
                initSources.size());
    }

    private static List<Long> sequences(int count) {
        return LongStream.range(0, count).boxed().toList();
    }

    private static List<Integer> toList(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asInt()));
        }
        return values;
    }

    /** Each event's identity ({@code id}) listed per owner (camera, rig or track), in arrival order. */
    private static Map<String, List<Long>> grouped(List<JsonNode> events, Function<JsonNode, String> owner,
                                                   ToLongFunction<JsonNode> id) {
        Map<String, List<Long>> perOwner = new TreeMap<>();
        for (JsonNode e : events) {
            perOwner.computeIfAbsent(owner.apply(e), k -> new ArrayList<>()).add(id.applyAsLong(e));
        }
        return perOwner;
    }

    private static Map<String, List<Long>> bySourceSequence(List<JsonNode> events) {
        return grouped(events, e -> e.at("/source/cameraId").asText(), e -> e.at("/source/sequence").asLong());
    }

    /** A scene is identified by the round (sequence) of its first view. */
    private static Map<String, List<Long>> scenesByRig(List<JsonNode> scenes) {
        return grouped(scenes, e -> e.get("rigId").asText(), e -> e.at("/source/sequence").asLong());
    }

    /** A pose event is identified by its track and the capture time of its keypoint record. */
    private static Map<String, List<Long>> keypointTimesByTrack(List<JsonNode> poses) {
        return grouped(poses, e -> e.get("trackId").asText(),
                e -> Instant.parse(e.get("captureTime").asText()).toEpochMilli());
    }

    private Map<String, List<Long>> expectedKeypointTimes() {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (String track : FaultWorkload.trackIds()) {
            List<Long> times = new ArrayList<>();
            for (int f = 0; f < FaultWorkload.KEYPOINTS_PER_TRACK; f++) {
                times.add(workload.keypointTime(f).toEpochMilli());
            }
            expected.put(track, times);
        }
        return expected;
    }

    /** Expected against seen identities per key (camera, rig or track): what is missing, doubled or reordered. */
    private record Tally(Map<String, List<Long>> expected, Map<String, List<Long>> actual, long seen, long missing,
                         long duplicated, long outOfOrder) {
        static Tally of(Map<String, List<Long>> expected, Map<String, List<Long>> actual) {
            long seen = 0;
            long missing = 0;
            long duplicated = 0;
            long outOfOrder = 0;
            Set<String> keys = new HashSet<>(expected.keySet());
            keys.addAll(actual.keySet());
            for (String key : keys) {
                List<Long> want = expected.getOrDefault(key, List.of());
                List<Long> got = actual.getOrDefault(key, List.of());
                Set<Long> distinct = new HashSet<>(got);
                seen += got.size();
                duplicated += got.size() - distinct.size();
                missing += want.stream().filter(v -> !distinct.contains(v)).count();
                for (int i = 1; i < got.size(); i++) {
                    if (got.get(i) < got.get(i - 1)) {
                        outOfOrder++;
                    }
                }
            }
            return new Tally(expected, actual, seen, missing, duplicated, outOfOrder);
        }

        void assertExact(String stage) {
            for (Map.Entry<String, List<Long>> e : new TreeMap<>(expected).entrySet()) {
                assertEquals(e.getValue(), actual.get(e.getKey()),
                        stage + ", " + e.getKey() + ": every input exactly once, in order");
            }
            assertEquals(expected.keySet(), actual.keySet(), stage + ": results for exactly the inputs sent");
        }
    }
}
