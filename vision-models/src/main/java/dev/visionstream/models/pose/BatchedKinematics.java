package dev.visionstream.models.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Batched, differentiable skeleton-only SMPL forward kinematics in DJL, the same recursion as
 * {@link ForwardKinematics}: used by the iterative solver (autograd) and by training (the joint loss).
 */
public final class BatchedKinematics {
    private BatchedKinematics() {
    }

    /**
     * @param localRotations (B, 24, 3, 3)
     * @param offsets        (B, 24, 3) rest offsets child − parent
     * @param translation    (B, 3) pelvis position
     * @return joint positions (B, 24, 3)
     */
    public static NDArray joints(NDArray localRotations, NDArray offsets, NDArray translation) {
        NDArray[] global = new NDArray[SmplSkeleton.JOINTS];
        NDArray[] p = new NDArray[SmplSkeleton.JOINTS];
        global[0] = localRotations.get(new NDIndex(":, 0"));
        p[0] = translation;
        for (int k = 1; k < SmplSkeleton.JOINTS; k++) {
            int parent = SmplSkeleton.parent(k);
            global[k] = global[parent].matMul(localRotations.get(new NDIndex(":, {}", k)));
            NDArray offset = offsets.get(new NDIndex(":, {}", k)).expandDims(-1);
            p[k] = p[parent].add(global[parent].matMul(offset).squeeze(-1));
        }
        return NDArrays.stack(new NDList(p), 1);
    }
}
