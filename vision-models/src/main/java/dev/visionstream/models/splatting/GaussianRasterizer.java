package dev.visionstream.models.splatting;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The standard 3DGS forward rasteriser on the CPU, tile-based: per Gaussian an EWA projection with the
 * 0.3-pixel low-pass dilation, a 3σ radius and a rectangle of 16×16 tiles; Gaussians sorted by view depth; per pixel
 * front-to-back α compositing over the Gaussians of its tile with α ≤ 0.99, the 1/255 skip and the stop once
 * transmittance would fall below 1e-4. Background black unless given. Degree-0 colour: {@code max(C0·f_dc + 0.5, 0)}.
 */
public final class GaussianRasterizer {
    public static final int TILE = 16;
    public static final double DILATION = 0.3;
    public static final float ALPHA_MAX = 0.99f;
    public static final float ALPHA_MIN = 1f / 255f;
    public static final float T_MIN = 1e-4f;

    private final ForkJoinPool pool;

    public GaussianRasterizer() {
        this(ForkJoinPool.commonPool());
    }

    public GaussianRasterizer(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Screen-space Gaussians of one view, the output of the preprocessing step. */
    static final class Projected {
        final float[] u;
        final float[] v;
        final float[] conic;
        final float[] depth;
        final int[] rect;
        final float[] colour;
        final float[] opacity;
        /** Half extents (pixels) of the ellipse outside which α < 1/255, so pixels there can be skipped. */
        final float[] extentX;
        final float[] extentY;
        final boolean[] visible;

        Projected(int n) {
            u = new float[n];
            v = new float[n];
            conic = new float[3 * n];
            depth = new float[n];
            rect = new int[4 * n];
            colour = new float[3 * n];
            opacity = new float[n];
            extentX = new float[n];
            extentY = new float[n];
            visible = new boolean[n];
        }
    }

    public Rendering render(GaussianScene scene, RenderCamera camera) {
        return render(scene, camera, new float[3]);
    }

    public Rendering render(GaussianScene scene, RenderCamera camera, float[] background) {
        int n = scene.count();
        Projected p = new Projected(n);
        int tilesX = (camera.width() + TILE - 1) / TILE;
        int tilesY = (camera.height() + TILE - 1) / TILE;
        int chunk = 16384;
        int chunks = (n + chunk - 1) / chunk;
        run(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int i = c * chunk, end = Math.min(n, (c + 1) * chunk); i < end; i++) {
                project(scene, camera, i, tilesX, tilesY, p);
            }
        }));
        // sort visible Gaussians by depth (positive floats sort like their bit patterns), then bin them per tile
        int visible = 0;
        for (int i = 0; i < n; i++) {
            if (p.visible[i]) {
                visible++;
            }
        }
        long[] keys = new long[visible];
        for (int i = 0, k = 0; i < n; i++) {
            if (p.visible[i]) {
                keys[k++] = ((long) Float.floatToIntBits(p.depth[i]) << 32) | i;
            }
        }
        Arrays.parallelSort(keys);
        int tiles = tilesX * tilesY;
        int[] start = new int[tiles + 1];
        for (long key : keys) {
            int i = (int) key;
            for (int ty = p.rect[4 * i + 1]; ty < p.rect[4 * i + 3]; ty++) {
                for (int tx = p.rect[4 * i]; tx < p.rect[4 * i + 2]; tx++) {
                    start[ty * tilesX + tx + 1]++;
                }
            }
        }
        for (int t = 0; t < tiles; t++) {
            start[t + 1] += start[t];
        }
        int[] lists = new int[start[tiles]];
        int[] fill = Arrays.copyOf(start, tiles);
        for (long key : keys) {
            int i = (int) key;
            for (int ty = p.rect[4 * i + 1]; ty < p.rect[4 * i + 3]; ty++) {
                for (int tx = p.rect[4 * i]; tx < p.rect[4 * i + 2]; tx++) {
                    lists[fill[ty * tilesX + tx]++] = i;
                }
            }
        }
        float[] rgb = new float[3 * camera.width() * camera.height()];
        float[] alpha = new float[camera.width() * camera.height()];
        run(() -> IntStream.range(0, tiles).parallel().forEach(t -> rasteriseTile(t, tilesX, start, lists, p, camera,
                background, rgb, alpha)));
        return new Rendering(camera.width(), camera.height(), rgb, alpha);
    }

    private void run(Runnable task) {
        if (pool == ForkJoinPool.commonPool()) {
            task.run();
        } else {
            pool.submit(task).join();
        }
    }

    /** Preprocess Gaussian {@code i} into screen space, or leave it invisible. */
    static void project(GaussianScene scene, RenderCamera cam, int i, int tilesX, int tilesY, Projected out) {
        double[] r = cam.worldToCamRotation();
        double[] t = cam.worldToCamTranslation();
        float[] m = scene.means();
        double mx = m[3 * i];
        double my = m[3 * i + 1];
        double mz = m[3 * i + 2];
        double x = r[0] * mx + r[1] * my + r[2] * mz + t[0];
        double y = r[3] * mx + r[4] * my + r[5] * mz + t[1];
        double z = r[6] * mx + r[7] * my + r[8] * mz + t[2];
        if (z <= RenderCamera.NEAR_CULL * cam.near()) {
            return;
        }
        // world covariance R diag(σ²) Rᵀ from the unit quaternion and scales
        float[] q = scene.rotationsWxyz();
        double qw = q[4 * i];
        double qx = q[4 * i + 1];
        double qy = q[4 * i + 2];
        double qz = q[4 * i + 3];
        double qn = qw * qw + qx * qx + qy * qy + qz * qz;
        double s2 = qn == 0 ? 0 : 2 / qn;
        double[] rq = {
            1 - s2 * (qy * qy + qz * qz), s2 * (qx * qy - qw * qz), s2 * (qx * qz + qw * qy),
            s2 * (qx * qy + qw * qz), 1 - s2 * (qx * qx + qz * qz), s2 * (qy * qz - qw * qx),
            s2 * (qx * qz - qw * qy), s2 * (qy * qz + qw * qx), 1 - s2 * (qx * qx + qy * qy)};
        if (qn == 0) {
            rq = Mat3.identity();
        }
        float[] sc = scene.scales();
        double sx = sc[3 * i];
        double sy = sc[3 * i + 1];
        double sz = sc[3 * i + 2];
        // camera-frame covariance: (W R_q) diag(σ²) (W R_q)ᵀ
        double[] wr = Mat3.multiply(r, rq);
        double[] c = new double[6];
        double[] var = {sx * sx, sy * sy, sz * sz};
        int idx = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                c[idx++] = wr[3 * a] * wr[3 * b] * var[0] + wr[3 * a + 1] * wr[3 * b + 1] * var[1]
                        + wr[3 * a + 2] * wr[3 * b + 2] * var[2];
            }
        }
        // EWA: Jacobian of the perspective projection at the (clamped) centre
        double limX = 1.3 * cam.tanHalfFovX();
        double limY = 1.3 * cam.tanHalfFovY();
        double tx = Math.min(limX, Math.max(-limX, x / z)) * z;
        double ty = Math.min(limY, Math.max(-limY, y / z)) * z;
        double j00 = cam.fx() / z;
        double j02 = -cam.fx() * tx / (z * z);
        double j11 = cam.fy() / z;
        double j12 = -cam.fy() * ty / (z * z);
        double c00 = c[0];
        double c01 = c[1];
        double c02 = c[2];
        double c11 = c[3];
        double c12 = c[4];
        double c22 = c[5];
        double a = j00 * j00 * c00 + 2 * j00 * j02 * c02 + j02 * j02 * c22 + DILATION;
        double b = j00 * j11 * c01 + j00 * j12 * c02 + j02 * j11 * c12 + j02 * j12 * c22;
        double d = j11 * j11 * c11 + 2 * j11 * j12 * c12 + j12 * j12 * c22 + DILATION;
        double det = a * d - b * b;
        if (det == 0) {
            return;
        }
        double mid = 0.5 * (a + d);
        double lambda1 = mid + Math.sqrt(Math.max(0.1, mid * mid - det));
        double lambda2 = mid - Math.sqrt(Math.max(0.1, mid * mid - det));
        double radius = Math.ceil(3 * Math.sqrt(Math.max(lambda1, lambda2)));
        double u = cam.fx() * x / z + cam.cx();
        double v = cam.fy() * y / z + cam.cy();
        int x0 = clamp((int) ((u - radius) / TILE), tilesX);
        int y0 = clamp((int) ((v - radius) / TILE), tilesY);
        int x1 = clamp((int) ((u + radius + TILE - 1) / TILE), tilesX);
        int y1 = clamp((int) ((v + radius + TILE - 1) / TILE), tilesY);
        if ((x1 - x0) * (y1 - y0) == 0) {
            return;
        }
        out.u[i] = (float) u;
        out.v[i] = (float) v;
        out.conic[3 * i] = (float) (d / det);
        out.conic[3 * i + 1] = (float) (-b / det);
        out.conic[3 * i + 2] = (float) (a / det);
        out.depth[i] = (float) z;
        out.rect[4 * i] = x0;
        out.rect[4 * i + 1] = y0;
        out.rect[4 * i + 2] = x1;
        out.rect[4 * i + 3] = y1;
        for (int ch = 0; ch < 3; ch++) {
            out.colour[3 * i + ch] = scene.colour(i, ch);
        }
        float opacity = scene.opacities()[i];
        out.opacity[i] = opacity;
        // α = o·e^power ≥ 1/255 needs power ≥ −ln(255·o): inside the ellipse dᵀΣ⁻¹d ≤ 2 ln(255·o), whose half
        // extents are sqrt(2 ln(255·o)·Σ_xx) and sqrt(2 ln(255·o)·Σ_yy); one pixel of margin absorbs rounding
        double level = 2 * Math.log(255.0 * opacity);
        if (!(level > 0)) {
            return; // α < 1/255 everywhere: never blended
        }
        out.extentX[i] = (float) (Math.sqrt(level * a) + 1);
        out.extentY[i] = (float) (Math.sqrt(level * d) + 1);
        out.visible[i] = true;
    }

    /** CUDA's getRect: min((int)·, grid) and max(0, ·) on each tile coordinate. */
    private static int clamp(int tile, int grid) {
        return Math.min(grid, Math.max(0, tile));
    }

    /**
     * Gaussians outer, pixels inner: each Gaussian visits only the tile pixels inside its α ≥ 1/255 ellipse box,
     * and every pixel still composites its Gaussians front to back (the list is depth-sorted) with its own
     * transmittance and early stop — the same sums as the per-pixel loop of the reference rasteriser.
     */
    private static void rasteriseTile(int tile, int tilesX, int[] start, int[] lists, Projected p, RenderCamera cam,
                                      float[] background, float[] rgb, float[] alphaOut) {
        int x0 = (tile % tilesX) * TILE;
        int y0 = (tile / tilesX) * TILE;
        int x1 = Math.min(cam.width(), x0 + TILE);
        int y1 = Math.min(cam.height(), y0 + TILE);
        int tw = x1 - x0;
        int pixels = tw * (y1 - y0);
        float[] transmittance = new float[pixels];
        float[] colour = new float[3 * pixels];
        boolean[] done = new boolean[pixels];
        Arrays.fill(transmittance, 1);
        int remaining = pixels;
        for (int k = start[tile], end = start[tile + 1]; k < end && remaining > 0; k++) {
            int i = lists[k];
            float u = p.u[i];
            float v = p.v[i];
            int gx0 = Math.max(x0, (int) Math.ceil(u - p.extentX[i]));
            int gx1 = Math.min(x1 - 1, (int) Math.floor(u + p.extentX[i]));
            int gy0 = Math.max(y0, (int) Math.ceil(v - p.extentY[i]));
            int gy1 = Math.min(y1 - 1, (int) Math.floor(v + p.extentY[i]));
            if (gx0 > gx1 || gy0 > gy1) {
                continue;
            }
            float ca = p.conic[3 * i];
            float cb = p.conic[3 * i + 1];
            float cc = p.conic[3 * i + 2];
            float opacity = p.opacity[i];
            // slightly below ln(1/(255·o)) so the exact α test below still decides at the boundary
            float minPower = (float) Math.log(1 / (255.0 * opacity)) - 1e-3f;
            float r = p.colour[3 * i];
            float g = p.colour[3 * i + 1];
            float b = p.colour[3 * i + 2];
            for (int py = gy0; py <= gy1; py++) {
                float dy = v - py;
                int row = (py - y0) * tw - x0;
                for (int px = gx0; px <= gx1; px++) {
                    int o = row + px;
                    if (done[o]) {
                        continue;
                    }
                    float dx = u - px;
                    float power = -0.5f * (ca * dx * dx + cc * dy * dy) - cb * dx * dy;
                    if (power > 0) {
                        continue;
                    }
                    if (power < minPower) {
                        continue; // α would be below 1/255: no exp needed
                    }
                    float alpha = Math.min(ALPHA_MAX, opacity * FastExp.exp(power));
                    if (alpha < ALPHA_MIN) {
                        continue;
                    }
                    float t = transmittance[o];
                    float next = t * (1 - alpha);
                    if (next < T_MIN) {
                        done[o] = true;
                        remaining--;
                        continue;
                    }
                    float w = alpha * t;
                    colour[3 * o] += r * w;
                    colour[3 * o + 1] += g * w;
                    colour[3 * o + 2] += b * w;
                    transmittance[o] = next;
                }
            }
        }
        for (int py = y0; py < y1; py++) {
            for (int px = x0; px < x1; px++) {
                int o = (py - y0) * tw + px - x0;
                int out = py * cam.width() + px;
                float t = transmittance[o];
                rgb[3 * out] = colour[3 * o] + t * background[0];
                rgb[3 * out + 1] = colour[3 * o + 1] + t * background[1];
                rgb[3 * out + 2] = colour[3 * o + 2] + t * background[2];
                alphaOut[out] = 1 - t;
            }
        }
    }
}
