package dev.visionstream.app.cli;

import org.junit.jupiter.api.Test;

class CountTrainVerifierCommandTest {
    @Test
    void anUnknownFoldIsOneLineThatNamesIt() {
        CliRun run = CliRun.of("count", "train-verifier", "--fold", "sideways");
        BadInputAssert.assertReported(run, "--fold sideways");
    }
}
