package dev.visionstream.models.pose;

import java.util.List;

/**
 * How the real motion is split, in one place for training, tests, the benchmark and the docs: training, a
 * validation part that only chooses the checkpoint and the refinement margin, and a test part that nothing is
 * trained or tuned on. CMU 01_01 is split by fraction of its frames (at any rate); the 3ds Max range-of-motion capture
 * (30 fps) by frame, around its recording glitches (frames 760–765, 1025–1030 and 1055–1060, found by
 * {@link MotionGlitches}). The whitedune walk and run cycles (8 s each) are training only. The other BVH clips of
 * the assimp-testmodels package are unseen evaluation data and are never read.
 */
public final class PoseDataSplits {
    /** A contiguous part of a frame sequence. */
    public interface Part {
        <T> List<T> of(List<T> frames);
    }

    /** Frames [from·n, to·n) of a sequence of n frames. */
    public record Fraction(double from, double to) implements Part {
        @Override
        public <T> List<T> of(List<T> frames) {
            return frames.subList((int) (from * frames.size()), (int) (to * frames.size()));
        }
    }

    /** Frames [first, end). */
    public record Range(int first, int end) implements Part {
        @Override
        public <T> List<T> of(List<T> frames) {
            return frames.subList(first, Math.min(end, frames.size()));
        }
    }

    public static final Fraction CMU_TRAIN = new Fraction(0, 0.7);
    public static final Fraction CMU_VALIDATION = new Fraction(0.7, 0.8);
    public static final Fraction CMU_TEST = new Fraction(0.8, 1);

    /** Where the captures lie under the test assets (scripts/fetch-test-assets.sh). */
    public static final String CMU_ASSET = "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh";
    public static final String ROM_ASSET = "x/assimp-testmodels/usr/share/assimp/models/ASE/MotionCaptureROM.ase";
    public static final List<String> VRML_ASSETS = List.of(
            "x/whitedune-docs/usr/share/doc/whitedune-docs/docs/typical_vrml_examples/"
                    + "transform_human_motioncapture_walk.wrl.gz",
            "x/whitedune-docs/usr/share/doc/whitedune-docs/docs/typical_vrml_examples/"
                    + "transform_human_motioncapture_run.wrl.gz");

    public static final List<Range> ROM_TRAIN = List.of(new Range(0, 760), new Range(766, 1025));
    public static final Range ROM_VALIDATION = new Range(1061, 1180);
    public static final Range ROM_TEST = new Range(1180, 1359);


    public static final String DESCRIPTION = "01_01 [0, 70 %) training, [70, 80 %) validation, [80, 100 %] test; "
            + "range of motion frames 0-759 and 766-1024 training, 1061-1179 validation, 1180-1358 test; whitedune "
            + "walk and run training only";

    private PoseDataSplits() {
    }
}
