package dev.visionstream.models.splatting;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Local → global: for every view with camera-to-world pose {@code [R_v | t_v]},
 * {@code μ = R_v μ_local + t_v}, world rotation {@code R_v · R_q} (as a quaternion product), scales, opacity and
 * degree-0 SH unchanged. Views are concatenated in order, pixels row-major within a view.
 */
public final class GaussianAggregator {
    private GaussianAggregator() {
    }

    public static GaussianScene aggregate(List<LocalGaussians> views, List<Pose> poses) {
        if (views.size() != poses.size()) {
            throw new IllegalArgumentException(views.size() + " views but " + poses.size() + " poses");
        }
        long total = 0;
        for (LocalGaussians v : views) {
            total += v.count();
        }
        if (total > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("too many Gaussians for one scene: " + total);
        }
        GaussianScene scene = GaussianScene.allocate((int) total);
        int[] offsets = new int[views.size()];
        for (int v = 1; v < views.size(); v++) {
            offsets[v] = offsets[v - 1] + views.get(v - 1).count();
        }
        // views write disjoint ranges, so they can be moved in parallel
        IntStream.range(0, views.size()).parallel()
                .forEach(v -> addView(views.get(v), poses.get(v), scene, offsets[v]));
        return scene;
    }

    /** Writes one view's Gaussians into {@code scene} from index {@code offset} on. */
    public static void addView(LocalGaussians view, Pose pose, GaussianScene scene, int offset) {
        double[] r = pose.rotation();
        double[] t = pose.translation();
        double[] qv = Quaternions.wxyzFromMatrix(r);
        double vw = qv[0];
        double vx = qv[1];
        double vy = qv[2];
        double vz = qv[3];
        float[] lm = view.means();
        float[] lq = view.rotationsXyzw();
        float[] gm = scene.means();
        float[] gq = scene.rotationsWxyz();
        int n = view.count();
        for (int i = 0; i < n; i++) {
            double x = lm[3 * i];
            double y = lm[3 * i + 1];
            double z = lm[3 * i + 2];
            int o = offset + i;
            gm[3 * o] = (float) (r[0] * x + r[1] * y + r[2] * z + t[0]);
            gm[3 * o + 1] = (float) (r[3] * x + r[4] * y + r[5] * z + t[1]);
            gm[3 * o + 2] = (float) (r[6] * x + r[7] * y + r[8] * z + t[2]);
            // q_world = q_view ⊗ q_local, the quaternion of R_v · R_q
            double lx = lq[4 * i];
            double ly = lq[4 * i + 1];
            double lz = lq[4 * i + 2];
            double lw = lq[4 * i + 3];
            double w = vw * lw - vx * lx - vy * ly - vz * lz;
            double qx = vw * lx + vx * lw + vy * lz - vz * ly;
            double qy = vw * ly - vx * lz + vy * lw + vz * lx;
            double qz = vw * lz + vx * ly - vy * lx + vz * lw;
            double norm = Math.sqrt(w * w + qx * qx + qy * qy + qz * qz);
            if (norm == 0) {
                norm = 1;
                w = 1;
            }
            gq[4 * o] = (float) (w / norm);
            gq[4 * o + 1] = (float) (qx / norm);
            gq[4 * o + 2] = (float) (qy / norm);
            gq[4 * o + 3] = (float) (qz / norm);
        }
        System.arraycopy(view.scales(), 0, scene.scales(), 3 * offset, 3 * n);
        System.arraycopy(view.opacities(), 0, scene.opacities(), offset, n);
        System.arraycopy(view.shDc(), 0, scene.shDc(), 3 * offset, 3 * n);
    }
}
