package dev.visionstream.models.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;

/**
 * Differentiable rotation conversions on DJL arrays, batched over any leading axes: the same formulas as
 * {@link Rotations}, so the plain and the batched paths agree.
 */
public final class NdRotations {
    private NdRotations() {
    }

    /** (…, 3) axis-angle → (…, 3, 3) matrices by Rodrigues (with 1e-8 under the root, as smplx does). */
    public static NDArray fromAxisAngle(NDArray v) {
        NDArray angle = v.square().sum(new int[] {-1}, true).add(1e-8f).sqrt();
        NDArray axis = v.div(angle);
        NDArray x = axis.get(new NDIndex("..., 0:1"));
        NDArray y = axis.get(new NDIndex("..., 1:2"));
        NDArray z = axis.get(new NDIndex("..., 2:3"));
        NDArray zero = x.zerosLike();
        NDArray k = NDArrays.stack(new NDList(
                NDArrays.concat(new NDList(zero, z.neg(), y), -1),
                NDArrays.concat(new NDList(z, zero, x.neg()), -1),
                NDArrays.concat(new NDList(y.neg(), x, zero), -1)), -2);
        NDArray sin = angle.sin().expandDims(-1);
        NDArray oneMinusCos = angle.cos().neg().add(1).expandDims(-1);
        NDArray eye = v.getManager().eye(3).toType(v.getDataType(), false);
        return eye.add(k.mul(sin)).add(k.matMul(k).mul(oneMinusCos));
    }

    /** (…, 6) in the spec's row-major 3×2 layout → (…, 3, 3) by Gram–Schmidt. */
    public static NDArray fromSixD(NDArray v) {
        NDArray a1 = NDArrays.stack(new NDList(v.get(new NDIndex("..., 0")), v.get(new NDIndex("..., 2")),
                v.get(new NDIndex("..., 4"))), -1);
        NDArray a2 = NDArrays.stack(new NDList(v.get(new NDIndex("..., 1")), v.get(new NDIndex("..., 3")),
                v.get(new NDIndex("..., 5"))), -1);
        NDArray b1 = normalize(a1);
        NDArray b2 = normalize(a2.sub(b1.mul(b1.mul(a2).sum(new int[] {-1}, true))));
        NDArray b3 = cross(b1, b2);
        return NDArrays.stack(new NDList(b1, b2, b3), -1);
    }

    /** (…, 3, 3) → (…, 6): the first two columns read row-major. */
    public static NDArray toSixD(NDArray m) {
        NDArray two = m.get(new NDIndex("..., 0:2"));
        long[] shape = m.getShape().getShape();
        long[] out = Arrays.copyOf(shape, shape.length - 1);
        out[out.length - 1] = 6;
        return two.reshape(out);
    }

    static NDArray normalize(NDArray v) {
        return v.div(v.square().sum(new int[] {-1}, true).sqrt().add(1e-8f));
    }

    static NDArray cross(NDArray a, NDArray b) {
        NDArray ax = a.get(new NDIndex("..., 0"));
        NDArray ay = a.get(new NDIndex("..., 1"));
        NDArray az = a.get(new NDIndex("..., 2"));
        NDArray bx = b.get(new NDIndex("..., 0"));
        NDArray by = b.get(new NDIndex("..., 1"));
        NDArray bz = b.get(new NDIndex("..., 2"));
        return NDArrays.stack(new NDList(ay.mul(bz).sub(az.mul(by)), az.mul(bx).sub(ax.mul(bz)),
                ax.mul(by).sub(ay.mul(bx))), -1);
    }
}
