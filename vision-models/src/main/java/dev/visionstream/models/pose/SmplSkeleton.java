package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * The SMPL 24-joint kinematic tree (joint order and parents exactly as SMPL) with a licence-free adult rest
 * skeleton (rounded generic anthropometry, metres, child minus parent, SMPL axes: +Y up, +Z forward,
 * +X the subject's left). Parents always precede their children, so one pass in index order is a full FK pass.
 */
public final class SmplSkeleton {
    public static final int JOINTS = 24;
    /** Rotations the solvers change: the root and 21 body joints; the two hand joints stay at zero. */
    public static final int SOLVED_JOINTS = 22;

    public static final int PELVIS = 0;
    public static final int L_HIP = 1;
    public static final int R_HIP = 2;
    public static final int L_ANKLE = 7;
    public static final int R_ANKLE = 8;
    public static final int SPINE3 = 9;
    public static final int NECK = 12;

    public static final List<String> NAMES = List.of("Pelvis", "L_Hip", "R_Hip", "Spine1", "L_Knee", "R_Knee",
            "Spine2", "L_Ankle", "R_Ankle", "Spine3", "L_Foot", "R_Foot", "Neck", "L_Collar", "R_Collar", "Head",
            "L_Shoulder", "R_Shoulder", "L_Elbow", "R_Elbow", "L_Wrist", "R_Wrist", "L_Hand", "R_Hand");

    private static final int[] PARENTS = {-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19,
            20, 21};

    private static final double[][] REST_OFFSETS = {
            {0, 0, 0},
            {0.070, -0.090, 0.000}, {-0.070, -0.090, 0.000}, {0.000, 0.110, -0.020},
            {0.030, -0.390, 0.000}, {-0.030, -0.390, 0.000}, {0.000, 0.130, 0.000},
            {-0.010, -0.400, -0.040}, {0.010, -0.400, -0.040}, {0.000, 0.050, 0.020},
            {0.020, -0.050, 0.120}, {-0.020, -0.050, 0.120}, {0.000, 0.210, -0.040},
            {0.080, 0.120, -0.035}, {-0.080, 0.120, -0.035}, {0.000, 0.065, 0.050},
            {0.095, 0.030, -0.010}, {-0.095, 0.030, -0.010}, {0.260, -0.015, -0.025},
            {-0.260, -0.015, -0.025}, {0.250, 0.010, 0.000}, {-0.250, 0.010, 0.000},
            {0.085, -0.010, -0.015}, {-0.085, -0.010, -0.015}};

    private SmplSkeleton() {
    }

    public static int parent(int joint) {
        return PARENTS[joint];
    }

    public static int[] parents() {
        return PARENTS.clone();
    }

    /** Rest offset of {@code joint} from its parent in metres (zero for the pelvis); a copy. */
    public static double[] restOffset(int joint) {
        return REST_OFFSETS[joint].clone();
    }

    public static List<Integer> children(int joint) {
        List<Integer> children = new ArrayList<>();
        for (int k = 1; k < JOINTS; k++) {
            if (PARENTS[k] == joint) {
                children.add(k);
            }
        }
        return children;
    }

    /** Index of an SMPL joint name (exact spelling as in {@link #NAMES}), or -1. */
    public static int index(String name) {
        return NAMES.indexOf(name);
    }

    /** Joints whose rotation moves no other joint: skeleton-only FK cannot observe them. */
    public static boolean isLeaf(int joint) {
        return children(joint).isEmpty();
    }
}
