package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * Recording errors in captured motion, found as jumps: a step from frame {@code f} to {@code f + 1} in which some
 * joint moves faster than {@code maxSpeed} skeleton sizes per second (size: the largest joint-to-joint distance in
 * the first frame, so the test does not depend on the file's unit). Real human joints stay well below
 * {@link #DEFAULT_MAX_SPEED}; a marker swap or a flipped key teleports a limb or the whole body within one frame.
 */
public final class MotionGlitches {
    /** Sizes per second: about 8.5 m/s for a 1.7 m figure, above a fast hand swing. */
    public static final double DEFAULT_MAX_SPEED = 5;

    /** Frames {@code first..last}, both inclusive. */
    public record Range(int first, int last) {
        public int length() {
            return last - first + 1;
        }
    }

    private MotionGlitches() {
    }

    /**
     * Each step {@code f → f+1} faster than {@code maxSpeed}, as the range {@code (f, f + 1)}; adjacent ones merged.
     */
    public static List<Range> jumps(SkeletonMotion motion, double maxSpeed) {
        double limit = maxSpeed * size(motion.frames().get(0)) / motion.fps();
        List<Range> out = new ArrayList<>();
        for (int f = 0; f + 1 < motion.frameCount(); f++) {
            if (largestStep(motion.frames().get(f), motion.frames().get(f + 1)) > limit) {
                Range last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.last() == f) {
                    out.set(out.size() - 1, new Range(last.first(), f + 1));
                } else {
                    out.add(new Range(f, f + 1));
                }
            }
        }
        return out;
    }

    /** The stretches between jumps (a jump's frames excluded) that are at least {@code minFrames} long. */
    public static List<Range> cleanSegments(SkeletonMotion motion, double maxSpeed, int minFrames) {
        List<Range> out = new ArrayList<>();
        int start = 0;
        for (Range jump : jumps(motion, maxSpeed)) {
            addIfLong(out, start, jump.first() - 1, minFrames);
            start = jump.last() + 1;
        }
        addIfLong(out, start, motion.frameCount() - 1, minFrames);
        return out;
    }

    private static void addIfLong(List<Range> out, int first, int last, int minFrames) {
        if (last - first + 1 >= Math.max(1, minFrames)) {
            out.add(new Range(first, last));
        }
    }

    private static double largestStep(double[][] a, double[][] b) {
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            max = Math.max(max, distance(a[j], b[j]));
        }
        return max;
    }

    private static double size(double[][] joints) {
        double max = 0;
        for (int i = 0; i < joints.length; i++) {
            for (int j = i + 1; j < joints.length; j++) {
                max = Math.max(max, distance(joints[i], joints[j]));
            }
        }
        return max;
    }

    static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
