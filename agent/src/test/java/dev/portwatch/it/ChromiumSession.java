package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through {@code chromedriver} (the Debian package chromium-driver) over the W3C WebDriver
 * protocol, for what a dumped DOM cannot say: where things are laid out in a window of a given size. Open a page,
 * {@link #evaluate} a script in it, take a screenshot; {@link #close()} ends the browser and the driver. A missing
 * chromedriver or Chromium fails.
 */
final class ChromiumSession implements AutoCloseable {

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Path profile;
    private String session;

    private ChromiumSession(Process driver, int port, Path profile) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
        this.profile = profile;
    }

    /** A browser whose page area (viewport) is {@code width} x {@code height} CSS pixels. */
    static ChromiumSession start(int width, int height) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(DRIVER), "chromedriver is missing: " + DRIVER
                + " (install the Debian package chromium-driver; .ci/run does)");
        assertTrue(Files.isExecutable(Chromium.BINARY), "Chromium is missing: " + Chromium.BINARY);
        int port = Ports.free();
        Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ChromiumSession chromium = new ChromiumSession(driver, port, Files.createTempDirectory("portwatch-chrome"));
        try {
            chromium.awaitDriver();
            JsonValue created = chromium.call("POST", "/session", "{\"capabilities\":{\"alwaysMatch\":{"
                    + "\"browserName\":\"chrome\",\"goog:chromeOptions\":{\"binary\":" + quote(Chromium.BINARY.toString())
                    + ",\"args\":[\"--headless\",\"--no-sandbox\",\"--disable-gpu\",\"--hide-scrollbars\","
                    + "\"--no-first-run\",\"--disable-background-networking\",\"--disable-component-update\","
                    + "\"--window-size=" + width + "," + height + "\",\"--user-data-dir="
                    + chromium.profile.resolve("profile") + "\"]}}}}");
            chromium.session = created.get("sessionId").asString();
            // Chrome's window may be larger than its page area: size the page area itself.
            chromium.call("POST", chromium.path("/window/rect"), "{\"width\":" + width + ",\"height\":" + height + "}");
            long innerWidth = chromium.evaluate("return window.innerWidth;").asLong();
            long innerHeight = chromium.evaluate("return window.innerHeight;").asLong();
            chromium.call("POST", chromium.path("/window/rect"), "{\"width\":" + (2 * width - innerWidth)
                    + ",\"height\":" + (2 * height - innerHeight) + "}");
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            chromium.close();
            throw e;
        }
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", path("/url"), "{\"url\":" + quote(url) + "}");
    }

    /** Runs {@code script} (a function body: {@code return ...;}) in the page; its result as JSON. */
    JsonValue evaluate(String script) throws IOException, InterruptedException {
        return call("POST", path("/execute/sync"), "{\"script\":" + quote(script) + ",\"args\":[]}");
    }

    /** Waits until {@code condition} (an expression) is true in the page, 30 s at most. */
    void await(String condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Boolean.TRUE.equals(evaluate("return Boolean(" + condition + ");").asBoolean())) {
            if (System.nanoTime() > deadline) {
                fail("the page never had " + condition);
            }
            Thread.sleep(100);
        }
    }

    /** A PNG of the page area as it is now. */
    Path screenshot(Path png) throws IOException, InterruptedException {
        String data = call("GET", path("/screenshot"), null).asString();
        Files.createDirectories(png.toAbsolutePath().getParent());
        return Files.write(png, Base64.getDecoder().decode(data));
    }

    private String path(String command) {
        return "/session/" + session + command;
    }

    private void awaitDriver() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(call("GET", "/status", null).get("ready").asBoolean())) {
                    return;
                }
            } catch (IOException notYet) {
                // the driver is still starting
            }
            if (!driver.isAlive()) {
                fail("chromedriver exited with " + driver.exitValue());
            }
            Thread.sleep(100);
        }
        fail("chromedriver was not ready within 20 s");
    }

    /** One WebDriver command; its {@code value}, or a failure naming the driver's error. */
    private JsonValue call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonValue value = JsonValue.parse(response.body()).get("value");
        if (response.statusCode() != 200) {
            fail("chromedriver " + method + " " + path + ": HTTP " + response.statusCode() + " " + value);
        }
        return value;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | RuntimeException | Error alreadyGone) {
            // the processes are ended below either way
        } finally {
            List<ProcessHandle> children = driver.descendants().toList();
            driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException leftover) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
