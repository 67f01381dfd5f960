package dev.visionstream.models.splatting;

import java.awt.image.BufferedImage;

/**
 * The files a scene leaves behind, produced the same way by the library, the CLI and the stream stage so that
 * all three write identical bytes: the .ply (normalised frame, no f_rest padding) and a preview rendered at
 * view 0's camera.
 */
public final class SceneArtifacts {
    public static final String PLY_CONTENT_TYPE = "application/x-ply";
    public static final String PNG_CONTENT_TYPE = "image/png";

    private SceneArtifacts() {
    }

    public static byte[] ply(SplatResult result) {
        return GaussianPlyWriter.toBytes(result.scene(), false);
    }

    public static BufferedImage preview(SplatResult result) {
        return new GaussianRasterizer().render(result.scene(), result.viewCamera(result.keptViews().get(0)))
                .toImage();
    }
}
