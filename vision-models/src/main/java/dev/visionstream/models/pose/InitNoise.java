package dev.visionstream.models.pose;

import java.util.Random;

/**
 * Random per-joint rotation errors added to a training pair's init pose, so that the learned solver sees inits
 * that are not exact poses of the motion: at run time the init is the solver's own previous output or an
 * iterative fit of joints no skeleton reproduces exactly, and a network trained on exact inits drifts from them.
 * Every solved joint (the root included) is turned about a uniform random axis by |N(0, 1)|·σ, with σ uniform in
 * [0, maxDegrees] per pose, so small and large errors are both seen.
 */
public final class InitNoise {
    private InitNoise() {
    }

    public static BodyPose perturb(BodyPose pose, double maxDegrees, Random random) {
        double sigma = Math.toRadians(maxDegrees) * random.nextDouble();
        double[][] rotations = pose.matrices();
        for (int k = 0; k < SmplSkeleton.SOLVED_JOINTS; k++) {
            double[] axis = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double norm = Rotations.norm(axis);
            double angle = Math.abs(random.nextGaussian()) * sigma;
            double[] turn = {axis[0] / norm * angle, axis[1] / norm * angle, axis[2] / norm * angle};
            rotations[k] = Rotations.multiply(rotations[k], Rotations.fromAxisAngle(turn));
        }
        return BodyPose.fromMatrices(rotations, pose.translation());
    }
}
