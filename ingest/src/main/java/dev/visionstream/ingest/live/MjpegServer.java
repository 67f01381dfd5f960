package dev.visionstream.ingest.live;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP MJPEG camera on the loopback interface ({@code multipart/x-mixed-replace}, the format of most IP
 * cameras' MJPEG endpoints) serving a loop of JPEG frames at a fixed rate. It is the stand-in for a network camera
 * in tests and benchmarks, so it can also misbehave on demand: {@link #pause} keeps connections open but sends
 * nothing (a stall), {@link #stop} drops every connection and stops listening (a dead camera), and
 * {@link #setFrames} swaps the picture, e.g. for another resolution.
 */
public final class MjpegServer implements AutoCloseable {
    private static final String BOUNDARY = "visionframe";

    private final double fps;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();
    private volatile List<byte[]> frames;
    private volatile boolean paused;
    private volatile ServerSocket listener;

    public MjpegServer(List<byte[]> jpegFrames, double fps) {
        if (jpegFrames.isEmpty() || !(fps > 0)) {
            throw new IllegalArgumentException("need frames and a positive rate");
        }
        this.frames = List.copyOf(jpegFrames);
        this.fps = fps;
    }

    /** Starts listening on {@code port} (0 picks a free one); returns the port. */
    public synchronized int start(int port) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started on port " + listener.getLocalPort());
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        Thread accept = new Thread(() -> acceptLoop(socket), "mjpeg-accept-" + socket.getLocalPort());
        accept.setDaemon(true);
        accept.start();
        return socket.getLocalPort();
    }

    /** The URL a camera source reads. */
    public String url() {
        ServerSocket s = listener;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + s.getLocalPort() + "/video.mjpg";
    }

    /** Keep (true) or stop keeping (false) every connection silent. */
    public void pause(boolean pause) {
        this.paused = pause;
    }

    public void setFrames(List<byte[]> jpegFrames) {
        this.frames = List.copyOf(jpegFrames);
    }

    /** Frames written to clients so far. */
    public long framesServed() {
        return served.get();
    }

    public int connectedClients() {
        return clients.size();
    }

    /** Stops listening and drops every client at once, like a camera losing power. */
    public synchronized void stop() {
        ServerSocket s = listener;
        listener = null;
        closeQuietly(s);
        for (Socket c : clients) {
            closeQuietly(c);
        }
        clients.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread t = new Thread(() -> serve(client), "mjpeg-client-" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            readRequestHeaders(client);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=" + BOUNDARY
                    + "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long periodNanos = (long) (1e9 / fps);
            long next = System.nanoTime();
            int index = 0;
            while (!client.isClosed()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += periodNanos;
                if (paused) {
                    continue;
                }
                List<byte[]> current = frames;
                byte[] jpeg = current.get(index++ % current.size());
                out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                served.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // client gone or server stopped
        } finally {
            clients.remove(client);
        }
    }

    /** Consumes the request up to its blank line; the path does not matter. */
    private static void readRequestHeaders(Socket client) throws IOException {
        var in = client.getInputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int total = 0; matched < 4 && total < 16_384; total++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before sending a request");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all that is asked
        }
    }
}
