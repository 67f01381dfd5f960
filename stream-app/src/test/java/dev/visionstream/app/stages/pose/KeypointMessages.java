package dev.visionstream.app.stages.pose;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Keypoints3dMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code vision.keypoints3d} values for the pose tests. */
final class KeypointMessages {
    private KeypointMessages() {
    }

    /** The SMPL-24 joints of one track, seen by {@code cam-1} at {@code time}. */
    static String smpl24(String track, double[][] joints, Instant time) throws JsonProcessingException {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] j : joints) {
            rows.add(List.of(j[0], j[1], j[2]));
        }
        return Json.MAPPER.writeValueAsString(new Keypoints3dMessage(track, "cam-1", Keypoints3dMessage.SMPL24, null,
                rows, time));
    }
}
