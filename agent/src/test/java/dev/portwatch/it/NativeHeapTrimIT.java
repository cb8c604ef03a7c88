package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Some seconds after start, the agent has the JVM trim its C heap once ({@code System.trim_native_heap}, which the
 * JVM's {@code trimnative} log reports), without starting JMX and without a line on the application's stderr; the
 * application goes on as before and its sockets are still recorded.
 */
@Timeout(120)
class NativeHeapTrimIT {

    private static final Pattern TRIM = Pattern.compile("Manual Trim: \\d+K->\\d+K");

    @EachJdk
    void theCHeapIsTrimmedOnceAndTheApplicationGoesOn(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of("-Xlog:trimnative=info:stderr"), null, "port=0",
                PreexistingSockets.class.getName())) {
            jvm.awaitReady();
            // The JVM's own report of the trim, with the resident size before and after (not compared: another
            // thread may allocate in between).
            Matcher trim = TRIM.matcher(jvm.stderrLine("Manual Trim"));
            assertTrue(trim.find(), jvm.stderr().toString());

            jvm.command("connect");
            assertTrue(jvm.table().rows().size() >= 7, "a listener and three connections, both ends each");
            Thread.sleep(2_000);
            List<String> stderr = jvm.stderr();
            assertEquals(1, stderr.stream().filter(line -> line.contains("Manual Trim")).count(), "once: " + stderr);
            for (String line : stderr) {
                assertTrue(line.startsWith("portwatch: ") || line.contains("[trimnative]"),
                        "nothing else on stderr (no restricted-method warning): " + line);
            }
            List<String> threads = threadNames(jvm.pid());
            assertTrue(threads.stream().noneMatch(name -> name.startsWith("RMI") || name.contains("JMX")),
                    "no JMX server: " + threads);
        }
    }

    private static List<String> threadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                names.add(Files.readString(task.resolve("comm")).trim());
            }
        }
        return names;
    }
}
