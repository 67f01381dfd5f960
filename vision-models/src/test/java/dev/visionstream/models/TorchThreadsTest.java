package dev.visionstream.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visionstream.models.pose.LearnedSolver;
import org.junit.jupiter.api.Test;

class TorchThreadsTest {
    @Test
    void limitsForItsScopeAndRestores() {
        int before = TorchThreads.current();
        try (TorchThreads single = TorchThreads.limit(1)) {
            assertEquals(1, TorchThreads.current());
        }
        assertEquals(before, TorchThreads.current());
    }

    @Test
    void neverRaisesTheCount() {
        int before = TorchThreads.current();
        try (TorchThreads wide = TorchThreads.limit(before + 8)) {
            assertEquals(before, TorchThreads.current());
        }
    }

    @Test
    void loadingAModelLeavesTheProcessSettingAlone() throws Exception {
        int before = TorchThreads.current();
        try (LearnedSolver solver = LearnedSolver.loadDefault()) {
            assertEquals(before, TorchThreads.current());
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> TorchThreads.limit(0));
    }
}
