package dev.visionstream.app.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches {@code /metrics} the way Prometheus does: plain HTTP, text exposition format. */
final class ScrapeTestSupport {

    private ScrapeTestSupport() {
    }

    static String scrape(int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("scrape returned HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * The value of one sample in a text exposition, e.g. {@code series = "vision_frames_total{stage=\"x\"}"};
     * fails if the series is absent.
     */
    static double sample(String exposition, String series) {
        return exposition.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + exposition));
    }
}
