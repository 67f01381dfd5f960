package dev.visionstream.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.models.splatting.Pose;
import dev.visionstream.models.splatting.ViewCamera;
import dev.visionstream.schemas.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Camera files of {@code vision splat}: a JSON object {@code {"K": 3×3 pixel intrinsics, "camToWorld": 4×4 OpenCV
 * camera-to-world, "distortion": [k1, k2, p1, p2, k3]}} (matrices nested or flat, row-major; camToWorld and
 * distortion optional; a render camera may add "width" and "height"), or a list of them, one per view.
 */
final class SplatCameraFiles {
    private SplatCameraFiles() {
    }

    static List<ViewCamera> readList(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON list of cameras, one per view");
        }
        List<ViewCamera> cameras = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            cameras.add(camera(root.get(i), "camera " + i));
        }
        return cameras;
    }

    private static JsonNode readObject(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected one camera object");
        }
        return root;
    }

    /** A render camera file; width and height are 0 where the file leaves them to the input pictures. */
    record RenderView(ViewCamera camera, int width, int height) {
    }

    static RenderView readRender(Path file) throws IOException {
        JsonNode node = readObject(file);
        ViewCamera camera = camera(node, "render camera");
        if (camera.camToWorld() == null) {
            throw new IllegalArgumentException("a render camera needs camToWorld");
        }
        return new RenderView(camera, node.path("width").asInt(0), node.path("height").asInt(0));
    }

    static ViewCamera camera(JsonNode node, String where) {
        JsonNode k = node.get("K");
        if (k == null) {
            throw new IllegalArgumentException(where + ": missing \"K\"");
        }
        double[] intrinsics = numbers(k, 9, where + " K");
        Pose pose = null;
        if (node.hasNonNull("camToWorld")) {
            try {
                pose = Pose.fromMatrix4(numbers(node.get("camToWorld"), 16, where + " camToWorld"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        double[] distortion = node.hasNonNull("distortion") ? numbers(node.get("distortion"), -1, where) : null;
        return new ViewCamera(intrinsics, pose, distortion);
    }

    /** Flattens nested arrays; {@code expected} < 0 accepts any count. */
    private static double[] numbers(JsonNode node, int expected, String what) {
        List<Double> values = new ArrayList<>();
        flatten(node, values, what);
        if (expected >= 0 && values.size() != expected) {
            throw new IllegalArgumentException(what + ": expected " + expected + " numbers, got " + values.size());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode node, List<Double> out, String what) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out, what));
        } else if (node.isNumber()) {
            out.add(node.asDouble());
        } else {
            throw new IllegalArgumentException(what + ": '" + node + "' is not a number");
        }
    }
}
