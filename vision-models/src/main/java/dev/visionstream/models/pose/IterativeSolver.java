package dev.visionstream.models.pose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SMPLify-style iterative baseline for 3D keypoints, optimised with DJL autograd and Adam. The
 * global orientation is first set in closed form from the pelvis triangle (hips and Spine1 move with the root
 * alone); stage 1 then optimises the body joints with the root held there, stage 2 everything, the root and the
 * translation at a tenth of the step. (Letting Adam move the root from the start, as SPIN's schedule does, lets
 * the limbs compensate a wrong root: on synthetic gap-9 pairs that stalls near 9 mm instead of 3 mm.) The hands stay
 * at zero and the shape is fixed. Loss per sample: squared 3D joint error (cm²) + a joint-limit prior (squared
 * excess over {@link JointLimits}) + a pull towards the initialisation. A plain squared data term replaces the
 * Geman–McClure robustifier because the targets here come from a tracker, not from noisy 2D detections. Stops
 * when the RMS joint error of every sample is below the tolerance, when the loss stops improving, or at the
 * iteration cap; reports the iterations used. Not thread-safe: one instance per thread.
 */
public final class IterativeSolver implements AutoCloseable {
    /**
     * @param maxIterations   cap on Adam steps (both stages)
     * @param rootIterations  stage-1 steps with the closed-form root held fixed
     * @param learningRate    Adam step (radians / metres), decayed geometrically to 5 %
     * @param toleranceMm     stop when the RMS joint error of every sample is below this
     * @param limitWeight     weight of the squared joint-limit excess
     * @param initWeight      weight of the squared distance to the initial pose
     */
    public record Settings(int maxIterations, int rootIterations, double learningRate, double toleranceMm,
                           double limitWeight, double initWeight) {
        public static Settings defaults() {
            return new Settings(300, 200, 0.1, 0.3, 10.0, 1e-3);
        }
    }

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float CM_PER_M = 100f;
    /** Stage-2 step of the root orientation and translation, relative to the body joints'. */
    private static final float ROOT_STEP = 0.1f;

    private static final Shape PER_JOINT = new Shape(1, SmplSkeleton.JOINTS, 3);

    private final Settings settings;
    private final NDManager manager;
    private final float[] lowerBounds = JointLimits.lowerBounds(1e4f);
    private final float[] upperBounds = JointLimits.upperBounds(1e4f);
    private final float[] bodyOnly = new float[SmplSkeleton.JOINTS * 3];
    private final float[] rootDamped = new float[SmplSkeleton.JOINTS * 3];

    public IterativeSolver(Settings settings) {
        this.settings = settings;
        this.manager = Engine.getEngine("PyTorch").newBaseManager();
        for (int i = 0; i < SmplSkeleton.SOLVED_JOINTS * 3; i++) {
            bodyOnly[i] = i < 3 ? 0 : 1;
            rootDamped[i] = i < 3 ? ROOT_STEP : 1;
        }
    }

    public IterativeSolver() {
        this(Settings.defaults());
    }

    public Settings settings() {
        return settings;
    }

    public IterativeFit solve(BodyShape shape, double[][] targets, BodyPose init) {
        return solveBatch(List.of(shape), Collections.singletonList(targets), List.of(init)).get(0);
    }

    /** Solves B independent problems in one batch (they share the iteration count). */
    public List<IterativeFit> solveBatch(List<BodyShape> shapes, List<double[][]> targets, List<BodyPose> inits) {
        int batch = shapes.size();
        // every array of a solve lives in its scope; results of an op join the first operand's manager, so the
        // constants are made here too rather than kept in the solver's long-lived manager
        try (NDManager scope = manager.newSubManager()) {
            NDArray lower = scope.create(lowerBounds, PER_JOINT);
            NDArray upper = scope.create(upperBounds, PER_JOINT);
            NDArray stage1Mask = scope.create(bodyOnly, PER_JOINT);
            NDArray stage2Mask = scope.create(rootDamped, PER_JOINT);
            // the loss's scalars as tensors of the scope, alive through every backward pass (see GraphScalar)
            NDArray cmPerM = scope.create(CM_PER_M);
            NDArray zero = scope.create(0f);
            NDArray limitWeight = scope.create((float) settings.limitWeight());
            NDArray initWeight = scope.create((float) settings.initWeight());
            NDArray offsets = scope.create(PoseArrays.offsets(shapes), new Shape(batch, SmplSkeleton.JOINTS, 3));
            NDArray target = scope.create(PoseArrays.joints(targets), new Shape(batch, SmplSkeleton.JOINTS, 3));
            List<BodyPose> starts = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                starts.add(BodyShapeEstimator.withPelvisAligned(shapes.get(b), inits.get(b), targets.get(b)));
            }
            inits = starts;
            float[] initPose = PoseArrays.axisAngles(inits);
            NDArray theta0 = scope.create(initPose, new Shape(batch, SmplSkeleton.JOINTS, 3));
            NDArray theta = theta0.duplicate();
            NDArray trans = scope.create(PoseArrays.translations(inits), new Shape(batch, 3));
            NDArray mTheta = theta.zerosLike();
            NDArray vTheta = theta.zerosLike();
            NDArray mTrans = trans.zerosLike();
            NDArray vTrans = trans.zerosLike();
            double toleranceCm2 = Math.pow(settings.toleranceMm() / 10.0, 2) * SmplSkeleton.JOINTS;
            double best = Double.POSITIVE_INFINITY;
            int stale = 0;
            int iterations = 0;
            for (int it = 0; it < settings.maxIterations(); it++) {
                iterations = it + 1;
                boolean rootHeld = it < settings.rootIterations();
                float[] data;
                float total;
                NDArray gTheta;
                NDArray gTrans;
                try (NDManager step = scope.newSubManager()) {
                    // the iteration's temporaries join the step and are freed with it; theta and trans go back
                    theta.tempAttach(step);
                    trans.tempAttach(step);
                    theta.setRequiresGradient(true);
                    trans.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray joints = BatchedKinematics.joints(NdRotations.fromAxisAngle(theta), offsets, trans);
                        NDArray dataTerm = joints.sub(target).mul(cmPerM).square().sum(new int[] {1, 2});
                        NDArray excess = lower.sub(theta).maximum(zero).add(theta.sub(upper).maximum(zero));
                        NDArray limitTerm = excess.square().sum(new int[] {1, 2}).mul(limitWeight);
                        NDArray initTerm = theta.sub(theta0).mul(stage2Mask).square().sum(new int[] {1, 2})
                                .mul(initWeight);
                        NDArray loss = dataTerm.add(limitTerm).add(initTerm).sum();
                        collector.backward(loss);
                        data = dataTerm.toFloatArray();
                        total = loss.getFloat();
                    }
                    gTheta = theta.getGradient().mul(rootHeld ? stage1Mask : stage2Mask);
                    gTrans = trans.getGradient();
                    gTheta.attach(scope);
                    gTrans.attach(scope);
                }
                if (max(data) < toleranceCm2) {
                    break;
                }
                if (!rootHeld) {
                    stale = total < best * (1 - 1e-4) ? 0 : stale + 1;
                    best = Math.min(best, total);
                    if (stale >= 10) {
                        break;
                    }
                }
                float lr = (float) (settings.learningRate() * Math.max(0.05, Math.pow(0.985, it)));
                float c1 = (float) (1 - Math.pow(BETA1, it + 1));
                float c2 = (float) (1 - Math.pow(BETA2, it + 1));
                NDArray[] nextTheta = adam(theta, gTheta, mTheta, vTheta, lr, c1, c2);
                NDArray[] nextTrans = adam(trans, gTrans.mul(rootHeld ? 0 : 1), mTrans, vTrans, lr * ROOT_STEP, c1, c2);
                theta = nextTheta[0];
                mTheta = nextTheta[1];
                vTheta = nextTheta[2];
                trans = nextTrans[0];
                mTrans = nextTrans[1];
                vTrans = nextTrans[2];
            }
            float[] solvedPose = theta.toFloatArray();
            float[] solvedTrans = trans.toFloatArray();
            List<IterativeFit> fits = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                fits.add(new IterativeFit(PoseArrays.pose(solvedPose, solvedTrans, b), iterations));
            }
            return fits;
        }
    }

    /** One Adam step outside the gradient tape; returns new (value, m, v) and frees the old ones. */
    private static NDArray[] adam(NDArray value, NDArray grad, NDArray m, NDArray v, float lr, float c1, float c2) {
        NDArray m2 = m.mul(BETA1).add(grad.mul(1 - BETA1));
        NDArray v2 = v.mul(BETA2).add(grad.square().mul(1 - BETA2));
        NDArray next = value.stopGradient().sub(m2.div(c1).div(v2.div(c2).sqrt().add(1e-8f)).mul(lr));
        value.close();
        m.close();
        v.close();
        grad.close();
        return new NDArray[] {next, m2, v2};
    }

    private static float max(float[] values) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }
}
