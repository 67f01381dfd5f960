package dev.visionstream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.kafka.EmbeddedKafkaBroker;
import dev.visionstream.app.kafka.TopicCatalog;
import dev.visionstream.app.kafka.TopicSetup;
import dev.visionstream.app.runtime.EventTap;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under faults, for every landed stage. The service runs as separate JVMs against a broker in this
 * JVM while the {@link FaultWorkload} (frames through camera health, counting, inpainting and a splatting rig, and
 * keypoints of pose tracks) keeps arriving; a fault is injected mid-run (SIGKILL of the app, a broker restart, an
 * instance leaving and coming back). A read_committed consumer must then see exactly one result per input and stage,
 * in order, and the stateful stages must have resumed from their changelogs ({@link ExactlyOnceCheck}).
 */
class ExactlyOnceUnderFaultsTest {
    private static final int TOTAL = FaultWorkload.TOTAL_FRAMES;
    /** Evaluations the remaining instance must publish while the other is away. */
    private static final int AWAY_PROGRESS = 100;
    /** How long one phase may take before the test fails; generous, since CI machines vary. */
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(4);
    /** How long the service may take to finish the backlog after the last frame was sent. */
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(6);
    /** Micro-batching on in the stages that have it: pending batches must survive the kills too. */
    private static final List<String> BATCHING = List.of("-Dvision.inpaint.batchSize=4",
            "-Dvision.inpaint.batchLingerMs=50", "-Dvision.counting.batchSize=2",
            "-Dvision.counting.batchLingerMs=200", "-Dvision.pose.batchSize=4", "-Dvision.pose.batchLingerMs=50");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    /** The fault injected while frames flow; gets the running scenario. */
    @FunctionalInterface
    interface Fault {
        void inject(Scenario s) throws Exception;
    }

    @Test
    void killNineThreeTimesLosesAndDuplicatesNothing() throws Exception {
        run("kill -9 x3", 1, 40, List.of(), ExactlyOnceUnderFaultsTest::killNineThreeTimes);
    }

    @Test
    void killNineThreeTimesWithBatchingOnLosesAndDuplicatesNothing() throws Exception {
        run("kill -9 x3, batching", 1, 40, BATCHING, ExactlyOnceUnderFaultsTest::killNineThreeTimes);
    }

    private static void killNineThreeTimes(Scenario s) throws Exception {
        Random random = new Random(42);
        List<Integer> points = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            points.add(200 + random.nextInt(TOTAL - 600));
        }
        points.sort(Integer::compare);
        for (int point : points) {
            // results arrive in bursts when the app catches up: each restarted app works a while before it dies
            int restartedAt = s.evaluations().size();
            s.awaitEvaluations(Math.min(TOTAL, Math.max(point, restartedAt + 100)));
            s.apps.get(0).kill9();
            System.out.printf("faults: app killed -9 after %d evaluations seen%n", s.evaluations().size());
            s.apps.get(0).start();
        }
    }

    @Test
    void brokerRestartMidRunRecoversWithoutManualAction() throws Exception {
        run("broker restart", 1, 40, List.of(), s -> {
            s.awaitEvaluations(TOTAL / 3);
            s.broker.close();
            System.out.printf("faults: broker stopped after %d evaluations seen%n", s.evaluations().size());
            Thread.sleep(3_000);
            s.broker.start();
            System.out.println("faults: broker restarted on the same ports and data");
        });
    }

    @Test
    void anInstanceLeavingAndComingBackLosesNothingAndTakesWorkAgain() throws Exception {
        // slower frames, so there is still work when the instance comes back
        run("scale-out", 2, 200, List.of(), s -> {
            s.awaitEvaluations(TOTAL / 5);
            System.out.printf("faults: before stopping, instance 1 processed %.0f, instance 2 %.0f frames%n",
                    s.framesProcessedBy(0), s.framesProcessedBy(1));
            s.apps.get(1).stop();
            int atStop = s.evaluations().size();
            System.out.printf("faults: instance 2 stopped after %d evaluations seen%n", atStop);
            // instance 1 now also holds the counting and pose tasks, whose backlog can take minutes on a slow
            // machine: wait for progress made without instance 2, not for a fixed share of the run
            s.awaitEvaluations(Math.min(TOTAL, atStop + AWAY_PROGRESS), s.apps.get(0));
            s.apps.get(1).start();
            System.out.println("faults: instance 2 started again");
            // after its (slow, on a loaded machine) start and the rebalance the returning instance must process
            // frames again
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            double processed = 0;
            while (processed == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                processed = s.framesProcessedBy(1);
            }
            assertTrue(processed > 0, "instance 2 took no work after coming back:\n" + s.apps.get(1).logTail());
            System.out.printf("faults: instance 2 processed %.0f frames after rejoining%n", processed);
        });
    }

    /**
     * Broker, topics, cameras, {@code instances} app JVMs (with {@code jvmOptions}) and the paced workload; injects
     * the fault, then checks.
     */
    private void run(String scenario, int instances, long frameIntervalMs, List<String> jvmOptions, Fault fault)
            throws Exception {
        long started = System.nanoTime();
        int port = freePort();
        int controllerPort = freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).port(port)
                .controllerPort(controllerPort).build()) {
            broker.start();
            Map<String, Object> client = broker.clientProperties();
            try (Admin admin = Admin.create(client)) {
                TopicSetup.ensure(admin, TopicCatalog.specs(8));
            }
            FaultWorkload workload = new FaultWorkload();
            String maskUri = null;
            for (int i = 0; i < instances; i++) {
                maskUri = workload.installMask(work.resolve("app-" + i));
            }
            workload.publishCameras(client, maskUri);
            Path kafkaConfig = work.resolve("client.properties");
            // a killed instance's partitions move on after the session timeout: keep it short for the test; a returning
            // instance whose stores lag a little may take its tasks back at once instead of after warm-up
            Files.writeString(kafkaConfig, "consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1500\n"
                    + "acceptable.recovery.lag=1000000\n");

            EventCollector events = new EventCollector();
            List<AppProcess> apps = new ArrayList<>();
            try (EventTap tap = new EventTap(client, List.of(Topics.CAMERA_HEALTH, Topics.COUNTS, Topics.INPAINTED,
                    Topics.SPLATS, Topics.POSES, Topics.ERRORS), events::onEvent)) {
                for (int i = 0; i < instances; i++) {
                    AppProcess app = new AppProcess(broker.bootstrapServers(), work.resolve("app-" + i), kafkaConfig,
                            "faults", work.resolve("app-" + i + ".log"), freePort(), jvmOptions);
                    apps.add(app);
                    app.start();
                }
                AtomicReference<Exception> producerFailure = new AtomicReference<>();
                Thread producer = new Thread(() -> {
                    try {
                        workload.produce(client, frameIntervalMs);
                    } catch (Exception e) {
                        producerFailure.set(e);
                    }
                }, "paced-workload");
                producer.start();

                fault.inject(new Scenario(broker, apps, events));

                producer.join();
                assertEquals(null, producerFailure.get(), "producer failed");
                boolean complete = events.awaitQuietly(ExactlyOnceCheck::complete, COMPLETION_TIMEOUT);
                Thread.sleep(2_000); // duplicates would arrive now
                assertTrue(complete, "incomplete: " + ExactlyOnceCheck.progress(events) + "; log:\n"
                        + apps.get(0).logTail());
                new ExactlyOnceCheck(workload).verify(events,
                        CommittedFrames.sequencesByCamera(client, Topics.FRAMES_INPAINTED), scenario);
                System.out.printf("faults [%s]: passed in %.0f s%n", scenario, (System.nanoTime() - started) / 1e9);
            } finally {
                for (AppProcess app : apps) {
                    app.close();
                }
            }
        }
    }

    /** What a fault can act on. */
    static final class Scenario {
        final EmbeddedKafkaBroker broker;
        final List<AppProcess> apps;
        final EventCollector events;

        Scenario(EmbeddedKafkaBroker broker, List<AppProcess> apps, EventCollector events) {
            this.broker = broker;
            this.apps = apps;
            this.events = events;
        }

        List<JsonNode> evaluations() {
            return ExactlyOnceCheck.evaluations(events);
        }

        void awaitEvaluations(int count) throws InterruptedException, IOException {
            awaitEvaluations(count, apps.get(0));
        }

        /** Waits for {@code count} evaluations; on time-out the failure carries {@code working}'s log. */
        void awaitEvaluations(int count, AppProcess working) throws InterruptedException, IOException {
            try {
                events.await(c -> ExactlyOnceCheck.evaluations(c).size() >= count, PHASE_TIMEOUT,
                        count + " evaluations");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " (" + ExactlyOnceCheck.evaluations(events).size()
                        + " evaluations); " + ExactlyOnceCheck.progress(events) + "; log:\n" + working.logTail(), e);
            }
        }

        /** Sum of vision_frames_total scraped from one instance's metrics endpoint (0 when unreachable). */
        double framesProcessedBy(int instance) {
            try {
                String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apps.get(instance).metricsPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return text.lines().filter(l -> l.startsWith("vision_frames_total{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
