package dev.visionstream.models.counting;

/** The fixed set of synthetic scenes the accuracy test and the variant comparison use. */
final class SyntheticScenes {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private SyntheticScenes() {
    }

    /** Scene i: true counts spread over 5..150, reproducible. */
    static SyntheticScene scene(int i) {
        long seed = 1000L + i;
        int targets = 5 + (int) ((i * 37L + 11) % 146);
        return SyntheticScene.generate(seed, WIDTH, HEIGHT, targets);
    }
}
