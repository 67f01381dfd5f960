package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Smooth random human-like motion within {@link JointLimits}, for training and evaluation: every joint axis
 * follows a sum of two sinusoids (0.1–0.6 Hz, together 10–60 % of the half-range) around a random centre, staying
 * inside its range (at gap 9 the joints move about as far as in CMU 01_01: 89 mm versus ~100 mm); the body turns
 * about the vertical at up to 0.8 rad/s with small pitch and roll, and wanders at up to about 1.3 m/s. Each clip
 * has its own skeleton: overall scale 0.88–1.12, each bone ±7 %, the hip and collar layouts turned by up to
 * ±0.15 rad, so the solver cannot rely on one body.
 */
public final class SyntheticMotion {
    public static final double FPS = 30;

    private SyntheticMotion() {
    }

    public static MotionClip generate(Random random, int frames, String name) {
        BodyShape shape = randomShape(random);
        double scale = shape.boneLength(4) / BodyShape.template().boneLength(4);
        double[][][] wave = new double[SmplSkeleton.JOINTS][3][];
        for (int j = 1; j < SmplSkeleton.JOINTS; j++) {
            for (int a = 0; a < 3; a++) {
                double lo = JointLimits.min(j, a);
                double hi = JointLimits.max(j, a);
                double half = (hi - lo) / 2;
                double total = half * (0.1 + 0.5 * random.nextDouble());
                double w = random.nextDouble();
                double centre = lo + total + random.nextDouble() * (hi - lo - 2 * total);
                wave[j][a] = new double[] {centre, total * w, freq(random), phase(random), total * (1 - w),
                        freq(random), phase(random)};
            }
        }
        double yaw0 = (random.nextDouble() * 2 - 1) * Math.PI;
        double yawRate = (random.nextDouble() * 2 - 1) * 0.8;
        double[] yawWobble = {0.3 * random.nextDouble(), freq(random), phase(random)};
        double[] pitch = {0.15 * random.nextDouble(), freq(random), phase(random)};
        double[] roll = {0.1 * random.nextDouble(), freq(random), phase(random)};
        double[][] walk = new double[3][];
        for (int i = 0; i < 3; i++) {
            double amplitude = i == 1 ? 0.03 : 0.5 * random.nextDouble();
            walk[i] = new double[] {amplitude, 0.1 + 0.3 * random.nextDouble(), phase(random)};
        }
        double[] base = {random.nextGaussian(), 0.95 * scale, random.nextGaussian()};

        List<BodyPose> poses = new ArrayList<>(frames);
        List<double[][]> joints = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            double t = f / FPS;
            double[][] aa = new double[SmplSkeleton.JOINTS][3];
            for (int j = 1; j < SmplSkeleton.SOLVED_JOINTS; j++) {
                for (int a = 0; a < 3; a++) {
                    double[] p = wave[j][a];
                    aa[j][a] = p[0] + p[1] * Math.sin(2 * Math.PI * p[2] * t + p[3])
                            + p[4] * Math.sin(2 * Math.PI * p[5] * t + p[6]);
                }
            }
            double yaw = yaw0 + yawRate * t + sine(yawWobble, t);
            double[] root = Rotations.multiply(Rotations.fromAxisAngle(new double[] {0, yaw, 0}),
                    Rotations.multiply(Rotations.fromAxisAngle(new double[] {sine(pitch, t), 0, 0}),
                            Rotations.fromAxisAngle(new double[] {0, 0, sine(roll, t)})));
            aa[0] = Rotations.toAxisAngle(root);
            double[] translation = {base[0] + sine(walk[0], t), base[1] + sine(walk[1], t), base[2] + sine(walk[2], t)};
            BodyPose pose = new BodyPose(aa, translation);
            poses.add(pose);
            joints.add(ForwardKinematics.joints(shape, pose));
        }
        return new MotionClip(name, FPS, shape, poses, joints);
    }

    public static BodyShape randomShape(Random random) {
        double scale = 0.88 + 0.24 * random.nextDouble();
        double[][] o = BodyShape.template().scaled(scale).offsets();
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            double f = 1 + (random.nextDouble() * 2 - 1) * 0.07;
            for (int i = 0; i < 3; i++) {
                o[k][i] *= f;
            }
        }
        for (int k : new int[] {1, 2, 3, 12, 13, 14}) {
            double[] turn = {jitter(random), jitter(random), jitter(random)};
            o[k] = Rotations.apply(Rotations.fromAxisAngle(turn), o[k]);
        }
        return new BodyShape(o);
    }

    private static double jitter(Random random) {
        return (random.nextDouble() * 2 - 1) * 0.15 / Math.sqrt(3);
    }

    private static double freq(Random random) {
        return 0.1 + 0.5 * random.nextDouble();
    }

    private static double phase(Random random) {
        return random.nextDouble() * 2 * Math.PI;
    }

    private static double sine(double[] p, double t) {
        return p[0] * Math.sin(2 * Math.PI * p[1] * t + p[2]);
    }
}
