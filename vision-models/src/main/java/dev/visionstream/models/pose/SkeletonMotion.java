package dev.visionstream.models.pose;

import java.util.List;

/**
 * A source skeleton in motion, whatever file it came from (BVH, 3ds Max ASE, VRML): joint names, the parent of each
 * joint (-1 for the root), the world position of every joint per frame (file units, file axes) and the frame rate.
 * Readers produce it; the mapping to SMPL-24 works on it alone.
 */
public record SkeletonMotion(String name, List<String> names, int[] parents, List<double[][]> frames, double fps) {
    public SkeletonMotion {
        names = List.copyOf(names);
        parents = parents.clone();
        frames = List.copyOf(frames);
        if (parents.length != names.size()) {
            throw new IllegalArgumentException("one parent per joint expected: " + parents.length + " for "
                    + names.size() + " joints");
        }
        for (double[][] f : frames) {
            if (f.length != names.size()) {
                throw new IllegalArgumentException("a frame has " + f.length + " joints, the skeleton " + names.size());
            }
        }
    }

    public int frameCount() {
        return frames.size();
    }

    @Override
    public int[] parents() {
        return parents.clone();
    }
}
