package dev.visionstream.tests.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.schemas.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the DevTools protocol: pages run in real time with their event streams open (a
 * one-shot {@code --dump-dom} never finishes while a stream is open), and the test reads the live DOM and takes
 * screenshots whenever it likes.
 */
final class HeadlessBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final Duration REPLY_WAIT = Duration.ofSeconds(60);
    private static final Duration SCREENSHOT_WAIT = Duration.ofMinutes(3);

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private WebSocket page;
    private String target;

    HeadlessBrowser(Path profile, int width, int height) throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank")).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String address = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                address = m.group(1);
                break;
            }
        }
        if (address == null) {
            process.destroyForcibly();
            throw new IOException("Chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI uri = URI.create(address);
        this.devtools = "http://" + uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Opens {@code url} in a fresh tab, which later calls drive; the previous tab is closed, so that a page left
     * rendering (the splat viewer) does not slow the next one down.
     */
    void open(String url) throws Exception {
        if (page != null) {
            page.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            http.send(HttpRequest.newBuilder(URI.create(devtools + "/json/close/" + target)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(devtools
                + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode tab = Json.MAPPER.readTree(created.body());
        target = tab.get("id").asText();
        String ws = tab.get("webSocketDebuggerUrl").asText();
        page = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Replies()).get(10, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until {@code condition} (a JavaScript expression) is true; false when {@code timeout} passed. */
    boolean waitFor(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (eval("(() => { try { return Boolean(" + condition + "); } catch (e) { return false; } })()")
                    .asBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    String dom() throws Exception {
        return eval("document.documentElement.outerHTML").asText();
    }

    void screenshot(Path file) throws Exception {
        // a page drawing WebGL continuously in software can take long to capture on a busy machine
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"), SCREENSHOT_WAIT);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        return call(method, params, REPLY_WAIT);
    }

    private JsonNode call(String method, Map<String, Object> params, Duration wait) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", Json.MAPPER.valueToTree(params));
        page.sendText(Json.MAPPER.writeValueAsString(message), true).join();
        JsonNode r = reply.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    /** Collects DevTools messages (a message may arrive in parts) and completes the calls they answer. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = Json.MAPPER.readTree(text.toString());
                    CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.get("id").asInt())
                            : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    // not a reply: nothing waits for it
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
