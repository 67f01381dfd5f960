package dev.visionstream.ingest;

/** How fast an {@link IngestRun} sends. */
public enum Pacing {
    /** Send each frame as soon as it is read: bulk loads and benchmarks. */
    AS_FAST_AS_POSSIBLE,
    /**
     * Send each frame when as much wall time has passed since the first frame as capture time has: a recording
     * replays like the live camera it came from.
     */
    SOURCE_RATE
}
