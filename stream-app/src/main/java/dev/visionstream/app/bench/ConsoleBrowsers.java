package dev.visionstream.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Browsers as the console sees them: each one an open event stream, read as fast as it comes. */
final class ConsoleBrowsers implements AutoCloseable {
    private final List<Thread> readers = new ArrayList<>();
    private final List<InputStream> streams = new ArrayList<>();
    private final AtomicLong events = new AtomicLong();

    ConsoleBrowsers(String consoleUrl, int count) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(consoleUrl
                    + "api/events")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            InputStream body = response.body();
            streams.add(body);
            Thread reader = new Thread(() -> read(body), "console-browser-" + i);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
    }

    private void read(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("id:")) {
                    events.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the stream was closed: this browser is gone
        }
    }

    /** Events received, summed over the browsers. */
    long events() {
        return events.get();
    }

    @Override
    public void close() throws IOException {
        for (InputStream s : streams) {
            s.close();
        }
    }
}
