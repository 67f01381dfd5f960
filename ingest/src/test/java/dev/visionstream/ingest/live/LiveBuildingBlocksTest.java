package dev.visionstream.ingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.CaptureTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backoff, the drop-oldest handoff, the capture clock, source kinds and the ingest config file. */
class LiveBuildingBlocksTest {
    @TempDir
    Path work;

    @Test
    void backoffDoublesWithJitterUpToItsCapAndStartsOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(1));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            long d = backoff.next().toMillis();
            assertTrue(d >= ceiling / 2 && d <= ceiling, d + " within [" + ceiling / 2 + ", " + ceiling + "]");
        }
        backoff.reset();
        assertTrue(backoff.next().toMillis() <= 100);
        // jitter: two cameras failing together do not retry in lockstep
        Backoff a = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(8000), new Random(1));
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(8000), new Random(2));
        assertTrue(a.next().toMillis() != b.next().toMillis() || a.next().toMillis() != b.next().toMillis());
    }

    @Test
    void handoffDropsTheOldestWhenFullButPutWaitsForRoom() throws Exception {
        FrameHandoff<Integer> live = new FrameHandoff<>(2);
        assertNull(live.offerDroppingOldest(1));
        assertNull(live.offerDroppingOldest(2));
        assertEquals(1, live.offerDroppingOldest(3));
        assertEquals(2, live.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(3, live.poll(0, TimeUnit.MILLISECONDS));
        assertNull(live.poll(10, TimeUnit.MILLISECONDS));

        FrameHandoff<Integer> replay = new FrameHandoff<>(1);
        replay.put(1);
        Thread producer = new Thread(() -> {
            try {
                replay.put(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        Thread.sleep(100);
        assertTrue(producer.isAlive(), "put waits while full");
        assertEquals(1, replay.poll(1, TimeUnit.SECONDS));
        producer.join(1_000);
        assertEquals(2, replay.poll(1, TimeUnit.SECONDS));
    }

    @Test
    void captureClockPrefersRtcpThenAnchoredContainerTimeThenHostTime() {
        long host = 1_700_000_000_000_000L;
        CaptureClock clock = new CaptureClock(true);
        // RTCP: wall time of pts 0 plus the pts
        CaptureClock.Stamp rtcp = clock.stamp(40_000, host - 5_000_000, host);
        assertEquals(CaptureTimeSource.RTCP_NTP, rtcp.source());
        assertEquals(Instant.EPOCH.plusNanos((host - 5_000_000 + 40_000) * 1000), rtcp.time());

        CaptureClock container = new CaptureClock(true);
        assertEquals(CaptureTimeSource.CONTAINER, container.stamp(1_000_000, CaptureClock.NO_VALUE, host).source());
        // network jitter: the frame arrives 30 ms late, its stream time says 40 ms after the first
        CaptureClock.Stamp second = container.stamp(1_040_000, CaptureClock.NO_VALUE, host + 70_000);
        assertEquals(Instant.EPOCH.plusNanos((host + 40_000) * 1000), second.time());
        // a timestamp that does not move forward is not a clock
        assertEquals(CaptureTimeSource.HOST, container.stamp(1_040_000, CaptureClock.NO_VALUE, host + 80_000)
                .source());
        // a stream clock 5 s off the host clock is re-anchored at the host time
        CaptureClock.Stamp jumped = container.stamp(9_000_000, CaptureClock.NO_VALUE, host + 120_000);
        assertEquals(Instant.EPOCH.plusNanos((host + 120_000) * 1000), jumped.time());

        assertEquals(CaptureTimeSource.HOST, new CaptureClock(false).stamp(0, CaptureClock.NO_VALUE, host).source());
    }

    @Test
    void sourceKindsFollowTheUrl() {
        assertEquals(SourceGrabbers.Kind.RTSP, SourceGrabbers.kindOf("rtsp://cam/1"));
        assertEquals(SourceGrabbers.Kind.HTTP, SourceGrabbers.kindOf("HTTPS://cam/mjpeg"));
        assertEquals(SourceGrabbers.Kind.DEVICE, SourceGrabbers.kindOf("v4l2:///dev/video0"));
        assertEquals(SourceGrabbers.Kind.DEVICE, SourceGrabbers.kindOf("/dev/video2"));
        assertEquals(SourceGrabbers.Kind.FILE, SourceGrabbers.kindOf("clips/a.mp4"));
        assertEquals(Path.of("/dev/video0"), SourceGrabbers.devicePath("v4l2:///dev/video0"));
    }

    @Test
    void configFileReadsYamlAndJsonAndNamesTheBadCamera() throws Exception {
        Path yaml = Files.writeString(work.resolve("cameras.yaml"), """
                cameras:
                  - cameraId: gate
                    stages: [camera-health]
                    policy: live
                    source: {url: "rtsp://10.0.0.5/stream1", transport: udp, fpsCap: 10, maxWidth: 960}
                  - cameraId: lobby
                    stages: [camera-health]
                    source: {url: "http://10.0.0.6/video.mjpg", jpegQuality: 0.7}
                """);
        List<CameraConfig> cameras = IngestConfigFile.read(yaml);
        assertEquals(List.of("gate", "lobby"), cameras.stream().map(CameraConfig::cameraId).toList());
        assertEquals("udp", cameras.get(0).source().transport());
        assertEquals(10.0, cameras.get(0).source().fpsCap());
        assertEquals(0.7, cameras.get(1).source().jpegQuality());

        Path json = Files.writeString(work.resolve("cameras.json"),
                "[{\"cameraId\":\"x\",\"stages\":[],\"source\":{\"url\":\"a.mp4\",\"transport\":\"pigeon\"}}]");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> IngestConfigFile.read(json));
        assertTrue(bad.getMessage().contains("camera x"), bad.getMessage());
        Path twice = Files.writeString(work.resolve("twice.json"),
                "{\"cameras\":[{\"cameraId\":\"x\",\"stages\":[]},{\"cameraId\":\"x\",\"stages\":[]}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IngestConfigFile.read(twice)).getMessage()
                .contains("twice"));
    }
}
