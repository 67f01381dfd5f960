package dev.visionstream.models.pose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Motion capture as an animated VRML97 Transform hierarchy (the whitedune / DYNAMICUS walk and run figures): each
 * joint is a named Transform whose rotation or translation an Orientation/PositionInterpolator drives, all
 * interpolators routed from one TimeSensor. Transforms follow the VRML rule {@code T·C·R·SR·S·-SR·-C}, so any scale
 * (the figures sit in a {@code scale 10 10 10} parent) is part of the world positions.
 *
 * <p>A {@link Joint} names the Transform it sits on and a point in that Transform's frame; a group of consecutive
 * rotation-only transforms (A_FEML1 → A_FEML2 → A_FEML3) is one joint anchored on its last member. Chain ends are
 * taken from the geometry: the toe is the front face of the sole box, the hand and head the centres of their
 * shapes, the neck the centre of the shoulder bar.
 */
public final class VrmlMotion {
    /** Output joint {@code name} at {@code point} in the frame of the Transform DEFined as {@code anchor}. */
    public record Joint(String name, String parent, String anchor, double[] point) {
    }

    private final VrmlScene scene;
    private final Map<VrmlScene.Node, VrmlScene.Node> parentTransform = new IdentityHashMap<>();
    private final Map<VrmlScene.Node, Map<String, Animation>> animations = new IdentityHashMap<>();
    private double cycleInterval = -1;

    private record Animation(double[] keys, double[][] values, boolean rotation) {
        double[] at(double fraction) {
            if (rotation) {
                return Rotations.toAxisAngle(Keyframes.rotation(keys, values, fraction));
            }
            return Keyframes.linear(keys, values, fraction);
        }
    }

    private VrmlMotion(VrmlScene scene) {
        this.scene = scene;
        for (VrmlScene.Node root : scene.roots()) {
            linkTransforms(root, null);
        }
        bindInterpolators();
    }

    public static VrmlMotion parse(String text) {
        return new VrmlMotion(VrmlScene.parse(text));
    }

    /** A .wrl file, gzip-compressed or not. */
    public static VrmlMotion read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return parse(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Seconds of one animation cycle (the TimeSensor's cycleInterval). */
    public double cycleInterval() {
        return cycleInterval;
    }

    /** The human figure of the whitedune motion captures, in English joint names; left is the figure's +x side. */
    public SkeletonMotion human(String name, double fps) {
        double[] origin = {0, 0, 0};
        List<Joint> joints = new ArrayList<>();
        joints.add(new Joint("Pelvis", null, "A_HUEFTE3", origin));
        for (String[] side : new String[][] {{"Left", "L", "SOHLE", "HAND"}, {"Right", "R", "SOHLE_0", "HAND_0"}}) {
            String s = side[0];
            joints.add(new Joint(s + "Hip", "Pelvis", "A_FEM" + side[1] + "3", origin));
            joints.add(new Joint(s + "Knee", s + "Hip", "A_CRUS" + side[1] + "1", origin));
            joints.add(new Joint(s + "Ankle", s + "Knee", "A_PED" + side[1] + "1", origin));
            joints.add(new Joint(s + "Toe", s + "Ankle", side[2], boxFront(side[2])));
        }
        joints.add(new Joint("Neck", "Pelvis", "ZYLLINDER_7", origin));
        joints.add(new Joint("Head", "Neck", "KOPF", origin));
        for (String[] side : new String[][] {{"Left", "L", "HAND"}, {"Right", "R", "HAND_0"}}) {
            String s = side[0];
            joints.add(new Joint(s + "Shoulder", "Neck", "A_BRA" + side[1] + "3", origin));
            joints.add(new Joint(s + "Elbow", s + "Shoulder", "A_ANT" + side[1] + "1", origin));
            joints.add(new Joint(s + "Hand", s + "Elbow", side[2], origin));
        }
        return motion(name, joints, fps);
    }

    /** {@code joints} sampled at {@code fps} over one cycle (fraction 0 inclusive to 1 exclusive). */
    public SkeletonMotion motion(String name, List<Joint> joints, double fps) {
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] parents = new int[joints.size()];
        for (int j = 0; j < joints.size(); j++) {
            Joint joint = joints.get(j);
            Integer p = joint.parent() == null ? Integer.valueOf(-1) : index.get(joint.parent());
            if (p == null) {
                throw new IllegalArgumentException("joint " + joint.name() + " names parent " + joint.parent()
                        + " that is not listed before it");
            }
            parents[j] = p;
            index.put(joint.name(), j);
            names.add(joint.name());
        }
        int count = Math.max(1, (int) Math.round(cycleInterval * fps));
        List<double[][]> frames = new ArrayList<>(count);
        for (int f = 0; f < count; f++) {
            double fraction = f / fps / cycleInterval;
            double[][] positions = new double[joints.size()][];
            for (int j = 0; j < joints.size(); j++) {
                positions[j] = world(scene.def(joints.get(j).anchor()), fraction).apply(joints.get(j).point());
            }
            frames.add(positions);
        }
        return new SkeletonMotion(name, names, parents, frames, fps);
    }

    /** World transform of a Transform node at the given cycle fraction. */
    public Affine3 world(VrmlScene.Node transform, double fraction) {
        Affine3 m = Affine3.IDENTITY;
        for (VrmlScene.Node n = transform; n != null; n = parentTransform.get(n)) {
            m = local(n, fraction).times(m);
        }
        return m;
    }

    private Affine3 local(VrmlScene.Node n, double fraction) {
        Map<String, Animation> animated = animations.getOrDefault(n, Map.of());
        double[] t = value(n, animated, "translation", fraction, 0, 0, 0);
        double[] r = value(n, animated, "rotation", fraction, 0, 0, 1, 0);
        double[] s = value(n, animated, "scale", fraction, 1, 1, 1);
        double[] c = value(n, animated, "center", fraction, 0, 0, 0);
        double[] so = value(n, animated, "scaleOrientation", fraction, 0, 0, 1, 0);
        Affine3 scaleOrientation = Affine3.linear(rotation(so));
        return Affine3.translation(t)
                .times(Affine3.translation(c))
                .times(Affine3.linear(rotation(r)))
                .times(scaleOrientation)
                .times(Affine3.scale(s))
                .times(scaleOrientation.inverse())
                .times(Affine3.translation(new double[] {-c[0], -c[1], -c[2]}));
    }

    private static double[] value(VrmlScene.Node n, Map<String, Animation> animated, String field, double fraction,
            double... defaults) {
        Animation a = animated.get(field);
        if (a != null) {
            double[] v = a.at(fraction);
            return a.rotation ? new double[] {v[0], v[1], v[2], Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])} : v;
        }
        double[] v = n.numbers(field, defaults);
        if (v.length != defaults.length) {
            throw new IllegalArgumentException("VRML: " + n + " field " + field + " has " + v.length
                    + " numbers, expected " + defaults.length);
        }
        return v;
    }

    /** Axis (need not be unit) and angle; a zero axis is no rotation. */
    private static double[] rotation(double[] axisAngle) {
        double len = Math.sqrt(axisAngle[0] * axisAngle[0] + axisAngle[1] * axisAngle[1]
                + axisAngle[2] * axisAngle[2]);
        if (len == 0) {
            return Rotations.identity();
        }
        double k = axisAngle[3] / len;
        return Rotations.fromAxisAngle(new double[] {k * axisAngle[0], k * axisAngle[1], k * axisAngle[2]});
    }

    private double[] boxFront(String def) {
        for (VrmlScene.Node shape : scene.def(def).nodes("children")) {
            for (VrmlScene.Node geometry : shape.nodes("geometry")) {
                if (geometry.type().equals("Box")) {
                    double[] size = geometry.numbers("size", 2, 2, 2);
                    return new double[] {0, 0, size[2] / 2};
                }
            }
        }
        throw new IllegalArgumentException("VRML: DEF " + def + " holds no Box to take the toe from");
    }

    private void linkTransforms(VrmlScene.Node node, VrmlScene.Node enclosing) {
        boolean isTransform = node.type().equals("Transform");
        if (isTransform) {
            parentTransform.put(node, enclosing);
        }
        for (List<Object> values : node.fields().values()) {
            for (Object v : values) {
                if (v instanceof VrmlScene.Node child) {
                    linkTransforms(child, isTransform ? node : enclosing);
                }
            }
        }
    }

    private void bindInterpolators() {
        Map<String, String> timerOf = new HashMap<>();
        for (VrmlScene.Route r : scene.routes()) {
            if (r.toField().equals("set_fraction")) {
                timerOf.put(r.to(), r.from());
            }
        }
        for (VrmlScene.Route r : scene.routes()) {
            VrmlScene.Node interpolator = scene.def(r.from());
            boolean rotation = interpolator.type().equals("OrientationInterpolator");
            if (!rotation && !interpolator.type().equals("PositionInterpolator")) {
                continue;
            }
            String timer = timerOf.get(r.from());
            if (timer == null) {
                throw new IllegalArgumentException("VRML: interpolator " + r.from() + " has no set_fraction route");
            }
            double interval = scene.def(timer).numbers("cycleInterval", 1)[0];
            if (cycleInterval >= 0 && interval != cycleInterval) {
                throw new IllegalArgumentException("VRML: interpolators run on cycles of " + cycleInterval + " and "
                        + interval + " s; one clock expected");
            }
            cycleInterval = interval;
            String field = r.toField().replaceFirst("^set_", "").replaceFirst("_changed$", "");
            animations.computeIfAbsent(scene.def(r.to()), k -> new HashMap<>())
                    .put(field, animation(interpolator, rotation));
        }
        if (cycleInterval < 0) {
            throw new IllegalArgumentException("VRML: no interpolator is routed to a node");
        }
    }

    private static Animation animation(VrmlScene.Node interpolator, boolean rotation) {
        double[] keys = interpolator.numbers("key");
        double[] flat = interpolator.numbers("keyValue");
        int width = rotation ? 4 : 3;
        if (keys.length == 0 || flat.length != keys.length * width) {
            throw new IllegalArgumentException("VRML: " + interpolator + " has " + keys.length + " keys and "
                    + flat.length + " keyValue numbers; " + width + " per key expected");
        }
        for (int k = 1; k < keys.length; k++) {
            if (keys[k] <= keys[k - 1]) {
                throw new IllegalArgumentException("VRML: " + interpolator + " key " + keys[k]
                        + " does not increase from "
                        + keys[k - 1]);
            }
        }
        double[][] values = new double[keys.length][];
        for (int k = 0; k < keys.length; k++) {
            double[] v = Arrays.copyOfRange(flat, k * width, k * width + width);
            values[k] = rotation ? Rotations.toQuaternion(rotation(v)) : v;
        }
        return new Animation(keys, values, rotation);
    }
}
