package dev.visionstream.schemas;

/** Reason codes of {@link ErrorEvent}s; stable strings that consumers can switch on. */
public enum ErrorReason {
    EMPTY_FRAME,
    UNDECODABLE_FRAME,
    WRONG_CONTENT_TYPE,
    PIXEL_LIMIT_EXCEEDED,
    OVERSIZED_RECORD,
    CLAIM_CHECK_INVALID,
    UNKNOWN_CAMERA,
    /** A splatting rig with a view that no registered camera serves: its scenes could never complete. */
    UNKNOWN_RIG,
    BAD_CONFIG,
    BAD_INPUT,
    STAGE_FAILURE,
    /** Ingest cannot open or read a camera source: unreachable URL, not a video, missing device. */
    SOURCE_UNAVAILABLE
}
