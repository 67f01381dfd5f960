package dev.visionstream.app.stages.splatting;

import dev.visionstream.models.splatting.Pose;
import dev.visionstream.models.splatting.ViewCamera;
import dev.visionstream.schemas.CameraCalibration;
import java.util.Arrays;
import java.util.List;

/** Camera-config calibration to the library's camera type. */
final class RigCameras {
    private RigCameras() {
    }

    /** Null when the camera declares no calibration; bad numbers are an {@link IllegalArgumentException}. */
    static ViewCamera toViewCamera(CameraCalibration calibration) {
        if (calibration == null || calibration.k() == null) {
            return null;
        }
        Pose pose = calibration.camToWorld() == null ? null : Pose.fromMatrix4(array(calibration.camToWorld()));
        return new ViewCamera(array(calibration.k()), pose,
                calibration.distortion() == null ? null : array(calibration.distortion()));
    }

    static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
