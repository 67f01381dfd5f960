package dev.visionstream.models.pose;

/**
 * Brings a file's up axis onto SMPL's +Y: 3ds Max (Biped) and Unreal write Z-up, most BVH Y-up. The body's up
 * direction (pelvis to chest) is snapped to the nearest file axis and turned onto +Y by the shortest rotation, so a
 * Y-up file is left exactly as it is and a Z-up file facing -Y (Max's front view) ends facing +Z.
 */
final class UpAxis {
    private UpAxis() {
    }

    static double[] rotationToYUp(double[] up) {
        int axis = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(up[i]) > Math.abs(up[axis])) {
                axis = i;
            }
        }
        double[] snapped = new double[3];
        snapped[axis] = Math.signum(up[axis]);
        if (axis == 1) {
            // upside down: half a turn about the forward axis keeps the facing
            return snapped[1] > 0 ? Rotations.identity() : Rotations.fromAxisAngle(new double[] {0, 0, Math.PI});
        }
        double[] turn = Rotations.cross(snapped, new double[] {0, 1, 0});
        return Rotations.fromAxisAngle(new double[] {turn[0] * Math.PI / 2, turn[1] * Math.PI / 2,
                turn[2] * Math.PI / 2});
    }
}
