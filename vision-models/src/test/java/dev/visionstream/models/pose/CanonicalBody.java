package dev.visionstream.models.pose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One body, in metres (Y up, Z forward, X left), for writing the same motion in every BVH naming family: named
 * points (l/r prefixed per side) at SMPL rest positions, with the spine joints at thirds of pelvis to chest, the
 * neck halfway from chest to head and the collars halfway from chest to shoulder, so that families with fewer
 * spine, neck or collar joints map to the very same SMPL targets. Only joints every family has rotate.
 */
final class CanonicalBody {
    /** Points and their parent point (for forward kinematics). */
    static final Map<String, String> PARENT = new LinkedHashMap<>();
    static final Set<String> ROTATING = Set.of("pelvis", "lHip", "rHip", "lKnee", "rKnee", "lAnkle", "rAnkle", "hub",
            "head", "lShoulder", "rShoulder", "lElbow", "rElbow", "lWrist", "rWrist");
    /** SMPL-24 joints in order, as points. */
    static final List<String> SMPL = List.of("pelvis", "lHip", "rHip", "s1", "lKnee", "rKnee", "s2", "lAnkle",
            "rAnkle", "hub", "lToe", "rToe", "neck", "lCollar", "rCollar", "head", "lShoulder", "rShoulder", "lElbow",
            "rElbow", "lWrist", "rWrist", "lHand", "rHand");

    private final Map<String, double[]> rest = new LinkedHashMap<>();
    private final double[][] translation;
    private final Map<String, double[][]> angles = new LinkedHashMap<>();

    static {
        String[] pairs = {"floor pelvis", "s1 pelvis", "s2 s1", "s2a s1", "s3a s2a", "hub s2", "neck hub",
                "head neck", "headTop head"};
        for (String pair : pairs) {
            String[] p = pair.split(" ");
            PARENT.put(p[0], p[1]);
        }
        for (String side : List.of("l", "r")) {
            String[] limb = {"Hip pelvis", "Knee Hip", "Ankle Knee", "Toe Ankle", "ToeTip Toe", "Collar hub",
                    "Shoulder Collar", "Elbow Shoulder", "Wrist Elbow", "Hand Wrist", "FingerTip Hand", "Thumb Wrist",
                    "ThumbTip Thumb"};
            for (String pair : limb) {
                String[] p = pair.split(" ");
                PARENT.put(side + p[0], p[1].equals("pelvis") || p[1].equals("hub") ? p[1] : side + p[1]);
            }
        }
    }

    CanonicalBody(int frames, long seed) {
        double[][] smpl = BodyShape.template().restJoints();
        double[] pelvis = smpl[0];
        double[] hub = smpl[9];
        rest.put("pelvis", pelvis);
        rest.put("floor", new double[] {pelvis[0], pelvis[1] - 1.0, pelvis[2]});
        rest.put("hub", hub);
        rest.put("s1", lerp(pelvis, hub, 1.0 / 3));
        rest.put("s2", lerp(pelvis, hub, 2.0 / 3));
        rest.put("s2a", lerp(pelvis, hub, 0.55));
        rest.put("s3a", lerp(pelvis, hub, 2 * 2.0 / 3 - 0.55));
        rest.put("head", smpl[15]);
        rest.put("neck", lerp(hub, smpl[15], 0.5));
        rest.put("headTop", Rotations.sub(smpl[15], new double[] {0, -0.1, 0}));
        for (int s = 0; s < 2; s++) {
            String side = s == 0 ? "l" : "r";
            rest.put(side + "Hip", smpl[1 + s]);
            rest.put(side + "Knee", smpl[4 + s]);
            rest.put(side + "Ankle", smpl[7 + s]);
            rest.put(side + "Toe", smpl[10 + s]);
            rest.put(side + "ToeTip", Rotations.sub(smpl[10 + s], new double[] {0, 0, -0.05}));
            rest.put(side + "Shoulder", smpl[16 + s]);
            rest.put(side + "Collar", lerp(hub, smpl[16 + s], 0.5));
            rest.put(side + "Elbow", smpl[18 + s]);
            rest.put(side + "Wrist", smpl[20 + s]);
            rest.put(side + "Hand", smpl[22 + s]);
            rest.put(side + "FingerTip", lerp(smpl[20 + s], smpl[22 + s], 1.5));
            rest.put(side + "Thumb", Rotations.sub(smpl[20 + s], new double[] {0, 0.01, -0.03}));
            rest.put(side + "ThumbTip", Rotations.sub(smpl[20 + s], new double[] {0, 0.01, -0.06}));
        }
        Random random = new Random(seed);
        translation = new double[frames][];
        for (int f = 0; f < frames; f++) {
            translation[f] = new double[] {0.1 * random.nextGaussian(), 0.05 * random.nextGaussian(),
                    0.1 * random.nextGaussian()};
        }
        // a fixed order: Set.of iterates in a per-JVM random order, which would change the motion run to run
        for (String joint : ROTATING.stream().sorted().toList()) {
            double[][] a = new double[frames][];
            for (int f = 0; f < frames; f++) {
                a[f] = new double[] {25 * random.nextGaussian(), 25 * random.nextGaussian(),
                        25 * random.nextGaussian()};
            }
            angles.put(joint, a);
        }
    }

    private static double[] lerp(double[] a, double[] b, double t) {
        return new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
    }

    /** A point's rest position; {@code a|b} is the midpoint of two points (helpers half way along a bone). */
    double[] rest(String point) {
        int bar = point.indexOf('|');
        if (bar >= 0) {
            return lerp(rest(point.substring(0, bar)), rest(point.substring(bar + 1)), 0.5);
        }
        double[] p = rest.get(point);
        if (p == null) {
            throw new IllegalArgumentException("no point " + point);
        }
        return p;
    }

    int frames() {
        return translation.length;
    }

    double[] translation(int frame) {
        return translation[frame];
    }

    /** Degrees (z, x, y) of a rotating joint in {@code frame}: R = Rz · Rx · Ry, relative to its parent. */
    double[] angles(String joint, int frame) {
        return angles.get(joint)[frame];
    }

    static double[] rotation(double[] zxy) {
        double[] r = Rotations.fromAxisAngle(new double[] {0, 0, Math.toRadians(zxy[0])});
        r = Rotations.multiply(r, Rotations.fromAxisAngle(new double[] {Math.toRadians(zxy[1]), 0, 0}));
        return Rotations.multiply(r, Rotations.fromAxisAngle(new double[] {0, Math.toRadians(zxy[2]), 0}));
    }

    /** The SMPL-24 targets of {@code frame} (metres, Y up), by forward kinematics over the points. */
    double[][] smpl(int frame) {
        Map<String, double[]> world = new LinkedHashMap<>();
        Map<String, double[]> position = new LinkedHashMap<>();
        world.put("pelvis", rotation(angles("pelvis", frame)));
        position.put("pelvis", Rotations.sub(rest.get("pelvis"), scaled(translation[frame], -1)));
        for (Map.Entry<String, String> e : PARENT.entrySet()) {
            String point = e.getKey();
            String parent = e.getValue();
            double[] w = world.get(parent);
            double[] r = ROTATING.contains(point) ? rotation(angles(point, frame)) : Rotations.identity();
            world.put(point, Rotations.multiply(w, r));
            double[] d = Rotations.apply(w, Rotations.sub(rest.get(point), rest.get(parent)));
            position.put(point, Rotations.sub(position.get(parent), scaled(d, -1)));
        }
        double[][] out = new double[SMPL.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = position.get(SMPL.get(k));
        }
        return out;
    }

    private static double[] scaled(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }
}
