package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A clip played faster or slower at the same frame rate (speed 1.25: every output frame advances 1.25 source
 * frames), so that the same real motion is seen with the larger and smaller steps between frames that other
 * performers produce. Between source frames the local rotations are interpolated along the shortest arc
 * (quaternion slerp), the translation and the target joints linearly.
 */
public final class TimeWarp {
    private TimeWarp() {
    }

    public static MotionClip resample(MotionClip clip, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, not " + speed);
        }
        List<BodyPose> poses = new ArrayList<>();
        List<double[][]> joints = new ArrayList<>();
        for (double s = 0; s <= clip.frames() - 1; s += speed) {
            int a = (int) Math.floor(s);
            int b = Math.min(a + 1, clip.frames() - 1);
            double w = s - a;
            poses.add(interpolate(clip.poses().get(a), clip.poses().get(b), w));
            joints.add(lerp(clip.joints().get(a), clip.joints().get(b), w));
        }
        String tag = String.format(Locale.ROOT, "-x%.2f", speed);
        return new MotionClip(clip.name() + tag, clip.fps(), clip.shape(), poses, joints);
    }

    static BodyPose interpolate(BodyPose a, BodyPose b, double w) {
        double[][] qa = a.quaternions();
        double[][] qb = b.quaternions();
        double[][] aa = new double[SmplSkeleton.JOINTS][];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            aa[k] = Rotations.quaternionToAxisAngle(Rotations.slerp(qa[k], qb[k], w));
        }
        return new BodyPose(aa, lerp(new double[][] {a.translation()}, new double[][] {b.translation()}, w)[0]);
    }

    private static double[][] lerp(double[][] a, double[][] b, double w) {
        double[][] out = new double[a.length][3];
        for (int j = 0; j < a.length; j++) {
            for (int i = 0; i < 3; i++) {
                out[j][i] = a[j][i] * (1 - w) + b[j][i] * w;
            }
        }
        return out;
    }
}
