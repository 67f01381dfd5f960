package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * Real motion made ready for training and validation. A joint sequence (SMPL-24, metres) is split by time into
 * parts that never share a frame (training, validation, test); a part recorded faster than the stage's rate is cut
 * into interleaved sequences at that rate (120 fps gives four 30 fps phases), each fitted by {@link MocapFit}.
 * Training parts are then augmented: mirrored left/right ({@link MotionMirror}) and played at other speeds
 * ({@link TimeWarp}), and cut into short clips for pair sampling.
 */
public final class RealMotion {
    /** Speeds the training clips are also played at, besides 1. */
    public static final double[] SPEEDS = {0.8, 1.25};

    private RealMotion() {
    }

    /** Frames [from, to) (fractions of the sequence) as fitted sequences at about {@code fps}. */
    public static List<MotionClip> fittedPhases(String name, List<double[][]> joints, double rate, double fps,
                                                double from, double to, IterativeSolver solver) {
        int step = Math.max(1, (int) Math.round(rate / fps));
        int start = (int) Math.round(from * joints.size());
        int end = (int) Math.round(to * joints.size());
        List<MotionClip> out = new ArrayList<>();
        for (int phase = 0; phase < step; phase++) {
            List<double[][]> sequence = new ArrayList<>();
            for (int f = start + phase; f < end; f += step) {
                sequence.add(joints.get(f));
            }
            if (sequence.size() > 1) {
                out.add(MocapFit.fit(name + "-phase" + phase, rate / step, sequence, 5, solver));
            }
        }
        return out;
    }

    /** Each sequence, its mirror image and both at {@link #SPEEDS}, cut into clips of {@code clipFrames}. */
    public static List<MotionClip> augmented(List<MotionClip> sequences, int clipFrames) {
        List<MotionClip> variants = new ArrayList<>();
        for (MotionClip sequence : sequences) {
            for (MotionClip side : List.of(sequence, MotionMirror.mirror(sequence))) {
                variants.add(side);
                for (double speed : SPEEDS) {
                    variants.add(TimeWarp.resample(side, speed));
                }
            }
        }
        List<MotionClip> out = new ArrayList<>();
        for (MotionClip variant : variants) {
            for (int from = 0; from + clipFrames <= variant.frames(); from += clipFrames) {
                out.add(variant.slice(from, from + clipFrames));
            }
        }
        return out;
    }
}
