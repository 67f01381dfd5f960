package dev.visionstream.app.console;

import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's HTTP side: the single-page app, the pinned browser libraries, the cameras table, frames and
 * artifacts by reference, and live events over Server-Sent Events. Read-only: every route is a GET, every path
 * parameter is checked against a strict pattern, and a picture is served only when an event referred to it.
 */
public final class ConsoleServer implements AutoCloseable {
    /** The browser libraries, from the npm packages the asset script pins and checksums. */
    static final Map<String, String> LIBRARIES = Map.of(
            "three.module.js", "npm/three/build/three.module.js",
            "gaussian-splats-3d.module.js", "npm/gaussian-splats-3d/build/gaussian-splats-3d.module.js");
    private static final Pattern STATIC_FILE = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*"
            + "\\.(html|js|css|svg)");
    private static final Duration STREAM_END = Duration.ofSeconds(3);
    private static final Pattern SEQUENCE = Pattern.compile("[0-9]{1,18}");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final ConsoleState state;
    private final FrameLookup frames;
    private final ArtifactStore artifacts;
    private final Path assets;
    private final Set<SseSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Javalin app;

    /**
     * @param frames reads the frames that events point at
     * @param bind   the address to listen on ({@code 127.0.0.1} unless told otherwise)
     * @param port   0 for any free port
     * @param assets the test-asset folder holding the pinned npm packages
     */
    public ConsoleServer(ConsoleState state, FrameLookup frames, ArtifactStore artifacts, Path assets, String bind,
                         int port) {
        this.state = state;
        this.frames = frames;
        this.artifacts = artifacts;
        this.assets = assets;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
            });
            config.routes.get("/", ctx -> staticFile(ctx, "index.html"));
            config.routes.get("/static/<path>", ctx -> staticFile(ctx, ctx.pathParam("path")));
            config.routes.get("/lib/{name}", this::library);
            config.routes.get("/api/cameras", ctx -> json(ctx, Map.of("cameras",
                    state.board().rows(System.currentTimeMillis()))));
            config.routes.get("/api/frames/{camera}/latest", ctx -> picture(ctx,
                    state.frames().latest(ctx.pathParam("camera")).flatMap(frames::picture)));
            config.routes.get("/api/frames/{camera}/{sequence}", this::frame);
            config.routes.get("/api/artifacts/{sha256}", this::artifact);
            config.routes.get("/api/events", this::events);
        }).start(bind, port);
    }

    public int port() {
        return app.port();
    }

    /** Browsers connected to the event stream now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Ends every event stream; browsers reconnect and resume from their last event id. */
    public void disconnectAll() {
        subscribers.forEach(SseSubscriber::stop);
    }

    private void staticFile(Context ctx, String path) throws IOException {
        if (!STATIC_FILE.matcher(path).matches()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/" + path)) {
            if (in == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                return;
            }
            ctx.contentType(TYPES.get(path.substring(path.lastIndexOf('.') + 1)));
            ctx.header("Cache-Control", "no-cache");
            ctx.result(in.readAllBytes());
        }
    }

    private void library(Context ctx) throws IOException {
        String relative = LIBRARIES.get(ctx.pathParam("name"));
        Path file = relative == null ? null : assets.resolve(relative);
        if (file == null || !Files.isRegularFile(file)) {
            ctx.status(HttpStatus.NOT_FOUND).result(relative == null ? "no such library"
                    : "library missing: run scripts/fetch-test-assets.sh");
            return;
        }
        ctx.contentType(TYPES.get("js"));
        ctx.result(Files.readAllBytes(file));
    }

    private void frame(Context ctx) {
        String sequence = ctx.pathParam("sequence");
        if (!SEQUENCE.matcher(sequence).matches()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        picture(ctx, state.frames().frame(ctx.pathParam("camera"), Long.parseLong(sequence)).flatMap(frames::picture));
    }

    private static void picture(Context ctx, Optional<Picture> picture) {
        if (picture.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.contentType(safeImageType(picture.get().contentType()));
        ctx.result(picture.get().bytes());
    }

    private void artifact(Context ctx) {
        Optional<ArtifactRef> ref = state.artifact(ctx.pathParam("sha256"));
        if (ref.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        byte[] bytes;
        try {
            bytes = artifacts.get(ref.get());
        } catch (RuntimeException e) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        String type = ref.get().contentType();
        ctx.contentType(type != null && type.startsWith("image/") ? safeImageType(type) : "application/octet-stream");
        ctx.header("Cache-Control", "max-age=3600, immutable");
        ctx.result(bytes);
    }

    /** Only picture types a browser renders as pictures; anything else is offered as bytes, never as a page. */
    private static String safeImageType(String type) {
        return List.of("image/png", "image/jpeg", "image/gif", "image/webp").contains(type) ? type
                : "application/octet-stream";
    }

    /**
     * Server-Sent Events, written here rather than through Javalin's SSE client so that a message is serialised
     * once for all browsers and each browser's writes are batched ({@link SseSubscriber}).
     */
    private void events(Context ctx) throws IOException {
        long after = lastEventId(ctx);
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        ServletOutputStream out = response.getOutputStream();
        out.flush(); // the browser sees the stream open before the first event
        SseSubscriber subscriber = new SseSubscriber(out);
        subscribers.add(subscriber);
        state.history().replayAndFollow(after, subscriber);
        try {
            subscriber.run();
        } finally {
            state.history().unfollow(subscriber);
            subscribers.remove(subscriber);
        }
    }

    /** The browser's resume point: the {@code Last-Event-ID} header of a reconnect, else {@code ?after=}, else 0. */
    private static long lastEventId(Context ctx) {
        String id = ctx.header("Last-Event-ID");
        if (id == null || id.isBlank()) {
            id = ctx.queryParam("after");
        }
        return id != null && SEQUENCE.matcher(id.trim()).matches() ? Long.parseLong(id.trim()) : 0;
    }

    private static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        disconnectAll();
        // let the streams end before the server goes, so none writes to a recycled response
        long deadline = System.nanoTime() + STREAM_END.toNanos();
        while (!subscribers.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }
}
