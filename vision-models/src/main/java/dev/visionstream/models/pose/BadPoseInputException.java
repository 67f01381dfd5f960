package dev.visionstream.models.pose;

/** Keypoints a tracker refuses: non-finite values, wrong joint counts or names, jumping bones, time going back. */
public final class BadPoseInputException extends Exception {
    public BadPoseInputException(String message) {
        super(message);
    }
}
