package dev.visionstream.tests.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.app.console.ConsoleEvent;
import dev.visionstream.app.console.ConsoleSettings;
import dev.visionstream.app.console.VisionConsole;
import dev.visionstream.app.demo.DemoRun;
import dev.visionstream.app.runtime.SampleMedia;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in headless Chromium against the embedded demo pipeline: every page with the demo's data, text
 * from events shown as text, and an event stream cut and resumed without losing or repeating an event. The
 * screenshots go to {@code target/console-screenshots} for a person to look at.
 */
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SCRIPT_ID = "<script>alert(1)</script>";
    private static final String IMG_TYPE = "\"><img src=x onerror=alert(1)>";

    @TempDir
    Path dir;

    @Test
    void theConsoleShowsTheDemoLiveSafelyAndResumesAfterACut() throws Exception {
        assumeTrue(Files.isExecutable(HeadlessBrowser.CHROMIUM), "no Chromium at " + HeadlessBrowser.CHROMIUM
                + " (.ci/run installs it)");
        assumeTrue(SampleMedia.vtest(false).isPresent(), "sample video missing: run scripts/fetch-test-assets.sh");
        DemoRun demo = new DemoRun(dir.resolve("work"), dir.resolve("output"), -1,
                new ConsoleSettings(true, "127.0.0.1", 0), this::visit, System.out);
        assertTrue(demo.run(Duration.ofMinutes(4)), "the demo saw every expected event");
    }

    private void visit(VisionConsole console, Map<String, Object> client) throws Exception {
        try (HeadlessBrowser browser = new HeadlessBrowser(Files.createTempDirectory(dir, "profile"), 1280, 900)) {
            cameras(browser, console);
            alertWithSnapshot(browser, console);
            countWithOverlay(browser, console);
            splatViewer(browser, console);
            poseTrack(browser, console);
            textStaysText(browser, console, client);
            resumesAfterACut(browser, console, client);
        }
    }

    private static String url(VisionConsole console, String route) {
        return console.url() + route;
    }

    private static void cameras(HeadlessBrowser b, VisionConsole console) throws Exception {
        b.open(url(console, "#/cameras"));
        for (String camera : List.of("walkway", "test-pattern")) {
            String row = "document.querySelector('tr[data-camera-id=\"" + camera + "\"] td.status')";
            assertTrue(b.waitFor(row, WAIT), camera + " is listed");
            String status = b.eval(row + ".textContent.trim()").asText();
            assertTrue(Set.of("ok", "alert", "stalled").contains(status), camera + " status " + status);
        }
        b.screenshot(SHOTS.resolve("cameras.png"));
    }

    private static void alertWithSnapshot(HeadlessBrowser b, VisionConsole console) throws Exception {
        b.open(url(console, "#/camera/test-pattern"));
        String snapshot = "document.querySelector('#alerts .alert img.snapshot')";
        assertTrue(b.waitFor(snapshot + " && " + snapshot + ".complete && " + snapshot + ".naturalWidth > 0", WAIT),
                "an alert with its snapshot loaded");
        assertTrue(b.waitFor("document.querySelector('#health-timeline canvas')", WAIT));
        b.screenshot(SHOTS.resolve("camera-test-pattern.png"));
    }

    private static void countWithOverlay(HeadlessBrowser b, VisionConsole console) throws Exception {
        ConsoleEvent count = latest(console, "count", "coins");
        b.open(url(console, "#/camera/coins"));
        String overlay = "document.querySelector('#count-overlay img')";
        assertTrue(b.waitFor("document.querySelector('#count-overlay[data-instances]') && " + overlay
                + ".complete && " + overlay + ".naturalWidth > 0", WAIT), "the density overlay with its peaks");
        String counted = "verified".equals(count.event().path("estimator").asText()) ? "verifiedInstances"
                : "instances";
        assertEquals(count.event().get(counted).size(),
                b.eval("Number(document.querySelector('#count-overlay').dataset.instances)").asInt());
        assertEquals(Math.round(count.event().get("count").asDouble()),
                Math.round(Double.parseDouble(b.eval("document.querySelector('#count-latest').textContent")
                        .asText().trim())));
        b.screenshot(SHOTS.resolve("camera-coins-count.png"));
    }

    private static void splatViewer(HeadlessBrowser b, VisionConsole console) throws Exception {
        ConsoleEvent splat = console.state().history().since(0).stream().filter(e -> e.kind().equals("splat"))
                .reduce((first, second) -> second).orElseThrow();
        b.open(url(console, "#/rig/" + splat.key()));
        assertTrue(b.waitFor("document.querySelector('#splat-count[data-count]')", Duration.ofMinutes(3)),
                "the viewer loaded the scene");
        assertEquals(splat.event().get("gaussians").asLong(),
                b.eval("Number(document.querySelector('#splat-count').dataset.count)").asLong(),
                "the viewer holds the event's Gaussian count");
        b.screenshot(SHOTS.resolve("rig.png"));
    }

    private static void poseTrack(HeadlessBrowser b, VisionConsole console) throws Exception {
        ConsoleEvent pose = console.state().history().since(0).stream().filter(e -> e.kind().equals("pose"))
                .reduce((first, second) -> second).orElseThrow();
        b.open(url(console, "#/track/" + pose.key()));
        assertTrue(b.waitFor("document.querySelector('#skeleton canvas[data-drawn=\"true\"]')", WAIT),
                "the track's skeleton is drawn");
        assertEquals(24, b.eval("Number(document.querySelector('#skeleton canvas').dataset.joints)").asInt());
        assertTrue(b.waitFor("document.querySelector('#residual').textContent.includes('mm')", WAIT));
        b.screenshot(SHOTS.resolve("track.png"));
    }

    /** A camera id and an error message carrying markup go through the pipeline and come out as text. */
    private static void textStaysText(HeadlessBrowser b, VisionConsole console, Map<String, Object> client)
            throws Exception {
        sendFrame(client, SCRIPT_ID, "image/png");
        sendFrame(client, "test-pattern", IMG_TYPE);
        b.open(url(console, "#/errors"));
        String rows = "Array.from(document.querySelectorAll('tr.error-row')).map(r => r.textContent).join('\\n')";
        assertTrue(b.waitFor(rows + ".includes(" + js(SCRIPT_ID) + ") && " + rows + ".includes(" + js(IMG_TYPE)
                + ")", WAIT), "both texts shown on the errors page");
        assertEquals(0, b.eval("document.querySelectorAll('[onerror], img[src=\"x\"]').length").asInt());
        assertEquals(0, b.eval("Array.from(document.scripts).filter(s => !s.src && s.type !== 'importmap')"
                + ".length").asInt(), "no script element besides the page's own");
        b.screenshot(SHOTS.resolve("errors-escaped.png"));
        b.open(url(console, "#/cameras"));
        assertTrue(b.waitFor("Array.from(document.querySelectorAll('tr[data-camera-id]')).some(r => "
                + "r.getAttribute('data-camera-id') === " + js(SCRIPT_ID) + " && r.textContent.includes("
                + js(SCRIPT_ID) + "))", WAIT), "the camera id listed as text");
        assertEquals(0, b.eval("document.querySelectorAll('[onerror], img[src=\"x\"]').length").asInt());
    }

    /** The server cuts every stream; the page reconnects from its last id and shows each error exactly once. */
    private static void resumesAfterACut(HeadlessBrowser b, VisionConsole console, Map<String, Object> client)
            throws Exception {
        b.open(url(console, "#/errors"));
        String ids = "Array.from(document.querySelectorAll('tr.error-row')).map(r => r.dataset.eventId)";
        long before = errorIds(console).size();
        assertTrue(b.waitFor(ids + ".length === " + before, WAIT), "the history shown");
        console.server().disconnectAll();
        for (int i = 0; i < 3; i++) {
            sendFrame(client, "cut-" + i, "image/png");
        }
        Set<String> expected = errorIds(console);
        assertEquals(before + 3, expected.size(), "three more errors happened during the cut");
        assertTrue(b.waitFor(ids + ".length >= " + expected.size(), WAIT), "the page caught up");
        Thread.sleep(1500); // a repeat, if any, would arrive now
        JsonNode shown = b.eval(ids);
        Set<String> unique = new HashSet<>();
        shown.forEach(id -> assertTrue(unique.add(id.asText()), "event " + id.asText() + " shown twice"));
        assertEquals(expected, unique);
        b.screenshot(SHOTS.resolve("errors-after-reconnect.png"));
    }

    private static Set<String> errorIds(VisionConsole console) throws InterruptedException {
        Thread.sleep(3000); // the console's feed reads committed events a moment after they happen
        Set<String> ids = new HashSet<>();
        console.state().history().since(0).stream().filter(e -> e.kind().equals("error"))
                .forEach(e -> ids.add(Long.toString(e.id())));
        return ids;
    }

    private static ConsoleEvent latest(VisionConsole console, String kind, String key) {
        ConsoleEvent e = console.state().history().latest(kind, key);
        assertTrue(e != null, "a " + kind + " event for " + key);
        return e;
    }

    private static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A small PNG frame for {@code camera}, declared as {@code contentType}, through the real frames topic. */
    private static void sendFrame(Map<String, Object> client, String camera, String contentType) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB), "png", png);
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, contentType);
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FRAMES, null, camera, png.toByteArray(), headers)).get();
        }
    }
}
