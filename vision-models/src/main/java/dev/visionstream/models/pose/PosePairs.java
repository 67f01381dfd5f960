package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * (init, target) pairs drawn from motion clips as the paper draws them: init = frame t, target = frame
 * t + s with s uniform in {1, 3, 5, 7, 9}, the pair reversed with probability 0.5; evaluation uses a fixed s and
 * no reversal. The init pose is the clip's pose of the init frame.
 */
public final class PosePairs {
    public static final int[] GAPS = {1, 3, 5, 7, 9};

    /** One pair: the body, the init pose, the target joints and the target's pose. */
    public record Pair(BodyShape shape, BodyPose init, double[][] target, BodyPose targetPose) {
    }

    private PosePairs() {
    }

    public static Pair random(List<MotionClip> clips, Random random) {
        while (true) {
            MotionClip clip = clips.get(random.nextInt(clips.size()));
            int s = GAPS[random.nextInt(GAPS.length)];
            if (clip.frames() <= s) {
                continue;
            }
            int t = random.nextInt(clip.frames() - s);
            int a = t;
            int b = t + s;
            if (random.nextBoolean()) {
                a = t + s;
                b = t;
            }
            return new Pair(clip.shape(), clip.poses().get(a), clip.joints().get(b), clip.poses().get(b));
        }
    }

    /** Every start t (stepping by {@code stride}) of every clip with the fixed gap {@code s}, not reversed. */
    public static List<Pair> fixedGap(List<MotionClip> clips, int s, int stride) {
        List<Pair> pairs = new ArrayList<>();
        for (MotionClip clip : clips) {
            for (int t = 0; t + s < clip.frames(); t += stride) {
                pairs.add(new Pair(clip.shape(), clip.poses().get(t), clip.joints().get(t + s),
                        clip.poses().get(t + s)));
            }
        }
        return pairs;
    }

    /** Mean root-aligned MPJPE (mm) of the learned solver over {@code pairs}. */
    public static double learnedMpjpe(LearnedSolver solver, List<Pair> pairs) {
        double sum = 0;
        for (int from = 0; from < pairs.size(); from += 256) {
            List<Pair> chunk = pairs.subList(from, Math.min(pairs.size(), from + 256));
            List<BodyPose> fits = solver.solveBatch(chunk.stream().map(Pair::shape).toList(),
                    chunk.stream().map(Pair::init).toList(), chunk.stream().map(Pair::target).toList());
            for (int i = 0; i < chunk.size(); i++) {
                sum += PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(chunk.get(i).shape(), fits.get(i)),
                        chunk.get(i).target());
            }
        }
        return sum / pairs.size();
    }

    /** Mean root-aligned MPJPE (mm) of keeping the init pose: how far the body moved. */
    public static double initMpjpe(List<Pair> pairs) {
        double sum = 0;
        for (Pair p : pairs) {
            sum += PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(p.shape(), p.init()), p.target());
        }
        return sum / pairs.size();
    }
}
