package dev.visionstream.models.pose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a motion capture file by its extension: BVH, 3ds Max ASCII export (.ase) or VRML (.wrl, .wrl.gz). */
public final class MotionFiles {
    private MotionFiles() {
    }

    public static SkeletonMotion read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".bvh")) {
            return BvhClip.read(file).motion(name);
        }
        if (lower.endsWith(".ase")) {
            return AseMotion.read(file).motion(name);
        }
        if (lower.endsWith(".wrl") || lower.endsWith(".wrl.gz")) {
            return VrmlMotion.read(file).human(name, 30);
        }
        throw new IllegalArgumentException("unknown motion file type " + name
                + " (expected .bvh, .ase, .wrl or .wrl.gz)");
    }
}
