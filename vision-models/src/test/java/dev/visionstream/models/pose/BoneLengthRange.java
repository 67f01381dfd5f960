package dev.visionstream.models.pose;

/** The shortest and longest length one bone (joint to parent) takes over a motion's frames; for rigidity checks. */
record BoneLengthRange(double min, double max) {

    static BoneLengthRange of(SkeletonMotion motion, int joint) {
        int parent = motion.parents()[joint];
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double[][] f : motion.frames()) {
            double d = MotionGlitches.distance(f[joint], f[parent]);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return new BoneLengthRange(min, max);
    }

    double spread() {
        return max - min;
    }
}
