package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Coordinated whole-body synthetic motion, the kind that independent per-joint waves ({@link SyntheticMotion}) never
 * produce: gait cycles (walking and running: legs in antiphase, arms swinging against them, the pelvis bobbing),
 * reaching overhead, trunk bends (sideways, or forward down to the toes: about 1 rad of spine on 1.3 rad of
 * pelvis tilt), crouches, jumps (crouch, take-off, flight) and turns on the spot.
 * A clip chains actions of 1–2.5 s with 0.3 s cross-fades, adds small random joint waves, keeps every joint inside
 * {@link JointLimits} and puts the lowest foot on the ground except in flight. SMPL axes: y up, the body faces +z;
 * hips flex about −x, knees about +x, the left arm lowers about −z.
 */
public final class ActionMotion {
    private static final double FADE_S = 0.3;
    private static final int ACTIONS = 6;
    /** Where an action keeps the pelvis pitch (forward tilt, radians), after the 3 values per solved joint. */
    private static final int PITCH = SmplSkeleton.SOLVED_JOINTS * 3;

    private ActionMotion() {
    }

    public static MotionClip generate(Random random, int frames, String name) {
        BodyShape shape = SyntheticMotion.randomShape(random);
        double fps = SyntheticMotion.FPS;
        List<double[]> segments = new ArrayList<>(); // {start s, action, 6 parameters}
        for (double t = 0; t < frames / fps + 1; ) {
            double length = 1 + 1.5 * random.nextDouble();
            double[] s = new double[8];
            s[0] = t;
            s[1] = random.nextInt(ACTIONS);
            for (int i = 2; i < 8; i++) {
                s[i] = random.nextDouble();
            }
            segments.add(s);
            t += length;
        }
        double[][] noise = new double[SmplSkeleton.SOLVED_JOINTS * 3][];
        for (int i = 3; i < noise.length; i++) {
            noise[i] = new double[] {0.08 * random.nextDouble(), 0.2 + 0.6 * random.nextDouble(),
                    2 * Math.PI * random.nextDouble()};
        }
        double yaw = (random.nextDouble() * 2 - 1) * Math.PI;
        double[] position = {random.nextGaussian(), 0, random.nextGaussian()};
        double ground = 0;
        List<BodyPose> poses = new ArrayList<>(frames);
        List<double[][]> joints = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            double t = f / fps;
            int current = 0;
            while (current + 1 < segments.size() && segments.get(current + 1)[0] <= t) {
                current++;
            }
            double[] mix = action(segments.get(current), t);
            double since = t - segments.get(current)[0];
            if (current > 0 && since < FADE_S) {
                double w = since / FADE_S;
                double[] previous = action(segments.get(current - 1), t);
                for (int i = 0; i < mix.length; i++) {
                    mix[i] = previous[i] * (1 - w) + mix[i] * w;
                }
            }
            double[][] aa = new double[SmplSkeleton.JOINTS][3];
            for (int k = 1; k < SmplSkeleton.SOLVED_JOINTS; k++) {
                for (int a = 0; a < 3; a++) {
                    double[] n = noise[3 * k + a];
                    double v = mix[3 * k + a] + n[0] * Math.sin(2 * Math.PI * n[1] * t + n[2]);
                    aa[k][a] = Math.max(JointLimits.min(k, a), Math.min(JointLimits.max(k, a), v));
                }
            }
            // mix[0..2]: yaw rate (rad/s), forward speed (m/s), flight height (m)
            yaw += mix[0] / fps;
            position[0] += Math.sin(yaw) * mix[1] / fps;
            position[2] += Math.cos(yaw) * mix[1] / fps;
            aa[0] = Rotations.toAxisAngle(Rotations.multiply(Rotations.fromAxisAngle(new double[] {0, yaw, 0}),
                    Rotations.fromAxisAngle(new double[] {mix[PITCH], 0, 0})));
            BodyPose grounded = new BodyPose(aa, new double[3]);
            double lowest = Double.POSITIVE_INFINITY;
            for (double[] p : ForwardKinematics.joints(shape, grounded)) {
                lowest = Math.min(lowest, p[1]);
            }
            BodyPose pose = grounded.withTranslation(new double[] {position[0], ground - lowest + mix[2],
                    position[2]});
            poses.add(pose);
            joints.add(ForwardKinematics.joints(shape, pose));
        }
        return new MotionClip(name, fps, shape, poses, joints);
    }

    /**
     * The action's target values at time t: yaw rate, speed, flight, then 3 per joint for joints 1..21, then the
     * pelvis pitch.
     */
    private static double[] action(double[] segment, double t) {
        double[] v = new double[PITCH + 1];
        double local = t - segment[0];
        double p1 = segment[2];
        double p2 = segment[3];
        double p3 = segment[4];
        double side = segment[5] < 0.5 ? 1 : -1;
        armsDown(v, 1.0 + 0.3 * p3);
        switch ((int) segment[1]) {
            case 0 -> { // gait: walk (p1 low) to run (p1 high)
                double run = p1;
                double phase = 2 * Math.PI * (0.8 + 0.7 * run) * local;
                double hip = 0.35 + 0.35 * run;
                set(v, 1, 0, -hip * Math.sin(phase) - 0.1 * run);
                set(v, 2, 0, -hip * Math.sin(phase + Math.PI) - 0.1 * run);
                set(v, 4, 0, (0.4 + 1.0 * run) * Math.max(0, Math.sin(phase + 1.2)) + 0.05);
                set(v, 5, 0, (0.4 + 1.0 * run) * Math.max(0, Math.sin(phase + 1.2 + Math.PI)) + 0.05);
                set(v, 7, 0, 0.25 * Math.sin(phase - 0.8));
                set(v, 8, 0, 0.25 * Math.sin(phase - 0.8 + Math.PI));
                swing(v, 16, 0.4 + 0.5 * run, phase + Math.PI);
                swing(v, 17, 0.4 + 0.5 * run, phase);
                set(v, 18, 1, -(0.2 + 1.2 * run));
                set(v, 19, 1, 0.2 + 1.2 * run);
                set(v, 3, 0, 0.1 + 0.2 * run);
                set(v, 3, 1, 0.1 * Math.sin(phase));
                v[0] = (p2 - 0.5) * 1.2;
                v[1] = 0.8 + 3.0 * run * run;
            }
            case 1 -> { // reach overhead with one or both arms, rising and falling
                double reach = 0.5 - 0.5 * Math.cos(2 * Math.PI * local / (1.2 + 1.2 * p1));
                boolean both = p2 < 0.4;
                if (both || side > 0) {
                    set(v, 16, 2, -1.0 + 2.3 * reach);
                    set(v, 16, 1, -0.6 * reach * p3);
                    set(v, 18, 1, -0.8 * (1 - reach));
                }
                if (both || side < 0) {
                    set(v, 17, 2, 1.0 - 2.3 * reach);
                    set(v, 17, 1, 0.6 * reach * p3);
                    set(v, 19, 1, 0.8 * (1 - reach));
                }
                set(v, 6, 0, -0.2 * reach);
                set(v, 12, 0, -0.4 * reach);
            }
            case 2 -> { // trunk bend sideways, or forward down to the toes: the pelvis tilts, the legs stay upright
                double bend = (0.5 - 0.5 * Math.cos(2 * Math.PI * local / (1.5 + p1))) * (0.5 + 0.5 * p2);
                boolean sideways = p3 < 0.35;
                for (int k : new int[] {3, 6, 9}) {
                    set(v, k, sideways ? 2 : 0, (sideways ? side * 0.3 : 0.3) * bend);
                }
                if (!sideways) {
                    v[PITCH] = 1.3 * bend;
                    set(v, 1, 0, -1.3 * bend);
                    set(v, 2, 0, -1.3 * bend);
                    armsDown(v, 1.0 - 0.6 * bend);
                }
                set(v, 12, 0, 0.3 * bend);
            }
            case 3 -> { // crouch: hips, knees and ankles fold together, arms forward for balance
                double depth = (0.5 - 0.5 * Math.cos(2 * Math.PI * local / (1.5 + p1))) * (0.4 + 0.6 * p2);
                crouch(v, depth);
                set(v, 16, 1, -1.2 * depth);
                set(v, 17, 1, 1.2 * depth);
            }
            case 4 -> { // jump: crouch, take off, flight, land
                double period = 1.0 + 0.4 * p1;
                double u = (local % period) / period;
                double height = 0.15 + 0.35 * p2;
                double flight = 0;
                double depth;
                if (u < 0.35) {
                    depth = Math.sin(Math.PI * u / 0.35) * 0.8;
                } else if (u < 0.75) {
                    depth = 0;
                    double s = (u - 0.35) / 0.4;
                    flight = 4 * height * s * (1 - s);
                } else {
                    depth = Math.sin(Math.PI * (u - 0.75) / 0.25) * 0.6;
                }
                crouch(v, depth);
                v[2] = flight;
                set(v, 16, 2, -1.0 + (u > 0.35 && u < 0.75 ? 1.8 : 0));
                set(v, 17, 2, 1.0 - (u > 0.35 && u < 0.75 ? 1.8 : 0));
                v[1] = 1.5 * p3;
            }
            default -> { // turn on the spot, stepping
                double phase = 2 * Math.PI * 1.5 * local;
                v[0] = side * (1.0 + 2.0 * p1);
                set(v, 1, 0, -0.3 * Math.max(0, Math.sin(phase)));
                set(v, 2, 0, -0.3 * Math.max(0, -Math.sin(phase)));
                set(v, 4, 0, 0.6 * Math.max(0, Math.sin(phase)));
                set(v, 5, 0, 0.6 * Math.max(0, -Math.sin(phase)));
                set(v, 3, 1, 0.3 * side * p2);
                set(v, 12, 1, 0.5 * side * p2);
            }
        }
        return v;
    }

    private static void armsDown(double[] v, double lower) {
        set(v, 16, 2, -lower);
        set(v, 17, 2, lower);
    }

    /** Forward/back arm swing about the body's side axis (shoulder y then mostly x in SMPL's local axes). */
    private static void swing(double[] v, int shoulder, double amplitude, double phase) {
        double sign = shoulder == 16 ? -1 : 1;
        set(v, shoulder, 1, sign * amplitude * Math.sin(phase));
    }

    private static void crouch(double[] v, double depth) {
        v[PITCH] = 0.4 * depth;
        set(v, 1, 0, -1.8 * depth);
        set(v, 2, 0, -1.8 * depth);
        set(v, 4, 0, 2.2 * depth);
        set(v, 5, 0, 2.2 * depth);
        set(v, 7, 0, 0.6 * depth);
        set(v, 8, 0, 0.6 * depth);
        set(v, 3, 0, 0.3 * depth);
    }

    private static void set(double[] v, int joint, int axis, double value) {
        v[3 * joint + axis] = value;
    }
}
