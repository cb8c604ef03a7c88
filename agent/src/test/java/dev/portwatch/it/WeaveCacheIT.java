package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The woven classes' cache (option {@code weaveCache}) on real JVMs: a first run fills it; a second run with it
 * loads no Byte Buddy class at all (the JVM's class-loading log says so) and records every kind of socket as
 * {@link StartupIT} and {@link ApiCoverageIT} expect; the CLI's {@code weave-cache} fills it for a program too short
 * to fill it itself; a directory others could write is refused in one line, and the sockets are recorded all the
 * same.
 */
@Timeout(300)
class WeaveCacheIT {

    /** Every funnel class of the JDK, one entry each. */
    private static final int JDK_FUNNEL_CLASSES = 8;
    private static final String BYTE_BUDDY = "dev.portwatch.shaded.net.bytebuddy.";

    @TempDir
    Path temp;

    @EachJdk
    void aSecondRunTakesEveryFunnelClassFromTheCacheAndLoadsNoByteBuddy(Path jdk) throws Exception {
        Path cache = temp.resolve("cache");
        String options = "port=0,closedRetention=60s,weaveCache=" + cache;
        Path coldLog = temp.resolve("cold-classes.txt");
        try (AgentJvm cold = AgentJvm.start(jdk, classLog(coldLog), null, options,
                FirstLineSockets.class.getName())) {
            StartupIT.assertFirstLinesRecorded(cold);
        }
        assertTrue(byteBuddyClasses(coldLog) > 100, jdk + ": the first run weaves with Byte Buddy");
        List<Path> entries = entries(cache);
        assertTrue(entries.stream().filter(entry -> entry.getFileName().toString().startsWith("boot-sun.nio.ch."))
                .count() == JDK_FUNNEL_CLASSES, jdk + ": " + entries);
        for (Path entry : entries) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)), entry
                    .toString());
        }

        Path warmLog = temp.resolve("warm-classes.txt");
        try (AgentJvm warm = AgentJvm.start(jdk, classLog(warmLog), null, options,
                FirstLineSockets.class.getName())) {
            StartupIT.assertFirstLinesRecorded(warm);
            assertEquals(List.of(), agentLines(warm), jdk + ": nothing to say");
        }
        for (String family : ApiCoverageIT.families().toList()) {
            try (AgentJvm warm = AgentJvm.start(jdk, classLog(warmLog), null, options, ApiExercise.class.getName(),
                    family)) {
                ApiCoverageIT.assertFamilyRecorded(warm, jdk, family);
                assertEquals(List.of(), agentLines(warm), jdk + " " + family + ": nothing to say");
            }
            assertEquals(0, byteBuddyClasses(warmLog), jdk + " " + family + ": Byte Buddy loaded");
        }
        assertEquals(entries, entries(cache), jdk + ": the cache was complete");
        assertStamped(entries);
    }

    @EachJdk
    void theWeaveCacheCommandFillsTheCacheForAProgramTooShortToFillItItself(Path jdk) throws Exception {
        Path cache = temp.resolve("filled");
        Path classes = temp.resolve("classes.txt");

        Cli filled = Cli.run(jdk, List.of("-Dportwatch.weaveCache=" + cache), "weave-cache");

        assertEquals(0, filled.exitCode(), filled.stderr());
        assertTrue(filled.stdout().startsWith("portwatch: the socket classes of this JDK are woven into " + cache),
                filled.stdout());
        assertEquals(2 * JDK_FUNNEL_CLASSES, entries(cache).size(), jdk + ": " + entries(cache));
        assertStamped(entries(cache));
        // A main that opens its sockets at once and ends: it never waits for the agent's thread.
        try (AgentJvm jvm = AgentJvm.start(jdk, classLog(classes), null, "port=0,weaveCache=" + cache,
                "dev.portwatch.bench.FirstSockets")) {
            assertEquals(0, jvm.waitFor(), jdk + ": " + jvm.stderr());
        }
        assertEquals(0, byteBuddyClasses(classes), jdk + ": Byte Buddy loaded");
    }

    @EachJdk
    void aCacheOthersCouldWriteIsRefusedInOneLineAndTheSocketsAreRecorded(Path jdk) throws Exception {
        Path cache = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxr-x"));

        try (AgentJvm jvm = AgentJvm.start(jdk, "port=0,weaveCache=" + cache, FirstLineSockets.class.getName())) {
            StartupIT.assertFirstLinesRecorded(jvm);
            assertEquals(List.of("portwatch: weaveCache " + cache + " not used: it is writable by its group or "
                    + "others (chmod go-w, or 700 for a directory); the socket classes are woven as without a cache"),
                    agentLines(jvm), jvm.jdk + ": " + jvm.stderr());
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count(), jdk + ": nothing written there");
        }
    }

    private static List<String> classLog(Path file) {
        return List.of("-Xlog:class+load=info:file=" + file);
    }

    private static long byteBuddyClasses(Path classLog) throws IOException {
        List<String> lines = Files.readAllLines(classLog);
        assertTrue(lines.stream().anyMatch(line -> line.contains("dev.portwatch.instrument.FunnelClassTransformer")),
                "the class-loading log lists the agent's classes: " + lines.size() + " lines");
        return lines.stream().filter(line -> line.contains(BYTE_BUDDY)).count();
    }

    /** The agent's lines on stderr but the endpoint's start-up line. */
    private static List<String> agentLines(AgentJvm jvm) {
        return jvm.stderr().stream().filter(line -> line.startsWith("portwatch:") && !line.contains("table at "))
                .toList();
    }

    /** Every entry of the cache (its stamp aside), in its one directory for this agent build and JDK. */
    private static List<Path> entries(Path cache) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(cache)) {
            all.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(".woven"))
                    .sorted().forEach(files::add);
        }
        return files;
    }

    /** The stamp beside these entries, owner-only: the next run's start-up thread reads it instead of them. */
    private static void assertStamped(List<Path> entries) throws IOException {
        Path stamp = entries.get(0).resolveSibling("stamp");
        assertTrue(Files.isRegularFile(stamp), stamp.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stamp)));
    }
}
