package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium (the Debian package's {@code /usr/bin/chromium}) loading a page the way a person would, with
 * scripts on: its DOM once the scripts have run for 5 s of virtual time, or a screenshot. Each run gets a fresh
 * profile and is killed, with every process it started, when it ends or overruns. A missing Chromium fails.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    private Chromium() {}

    /** The document, serialized, after the page's scripts ran for 5 s of virtual time. */
    static String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url), null);
    }

    /** A PNG of the page at {@code width}x{@code height}, after 5 s of virtual time. */
    static Path screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url), png);
        return png;
    }

    private static String run(List<String> arguments, Path expectedFile) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BINARY), "Chromium is missing: " + BINARY
                + " (install the Debian package chromium; .ci/run does)");
        Path work = Files.createTempDirectory("portwatch-chromium");
        Path stdout = work.resolve("stdout");
        Path stderr = work.resolve("stderr");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + work.resolve("profile"),
                "--virtual-time-budget=5000"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command + "\n" + tail(stderr));
            }
            assertEquals(0, process.exitValue(), "Chromium failed: " + command + "\n" + tail(stderr));
            if (expectedFile != null) {
                assertTrue(Files.isRegularFile(expectedFile), "Chromium wrote no " + expectedFile + "\n"
                        + tail(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteRecursively(work);
        }
    }

    /**
     * The rows of the {@code <tbody id="...">} of a dumped DOM, each as the text of its cells. The DOM serializer
     * writes a text node's {@code <} as {@code &lt;}, so every {@code <} left in a cell starts an element.
     */
    static List<List<String>> rows(String dom, String tbodyId) {
        Matcher body = Pattern.compile("<tbody id=\"" + tbodyId + "\">(.*?)</tbody>", Pattern.DOTALL).matcher(dom);
        assertTrue(body.find(), "no tbody#" + tbodyId + " in " + dom);
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body.group(1));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(text(cell.group(1)));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The text of serialized markup: elements dropped, character references decoded. */
    static String text(String markup) {
        return markup.replaceAll("<[^>]*>", "").replace("&nbsp;", "\u00a0").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException stillInUse) {
            // a leftover temporary profile is harmless
        }
    }
}
