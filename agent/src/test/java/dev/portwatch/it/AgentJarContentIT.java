package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar holds only the library classes portwatch needs (maven-shade-plugin's minimizeJar, plus excludes in
 * agent/pom.xml) and nothing it needs is missing. A class the JVM cannot find would only fail at the moment some
 * path loads it, so this test reads every class of the jar: every class referred to must be in the jar or the JDK,
 * save the few deliberate gaps below, and every class a string constant names (what Class.forName loads) too.
 * A class of portwatch's own that starts using a library class minimizeJar keeps by itself; one that loads a
 * library class by name, or uses a package excluded in the pom, fails here until the pom keeps it.
 *
 * <p>loaded-shaded-classes.txt lists the shaded classes real runs load; after a library upgrade, regenerate it from
 * runs of the demo app on JDK 17 and 25 with {@code -Xlog:class+load=info:file=F} and
 * {@code -javaagent:portwatch-agent.jar=port=0,weaveCache=off}, every endpoint path read (docs/benchmarks.md,
 * "A smaller agent jar").
 */
class AgentJarContentIT {

    /** The jar holds about 3,050 entries (5,330 before minimizing); a jump means a library came back whole. */
    private static final int MAX_ENTRIES = 3_300;

    /** Classes the jar's classes refer to that are deliberately absent, each with the reason. */
    private static final Map<String, String> ABSENT = Map.ofEntries(
            Map.entry("dev/portwatch/shaded/net/bytebuddy/agent/", "Byte Buddy's agent builder (excluded)"),
            Map.entry("dev/portwatch/shaded/net/bytebuddy/build/Plugin", "Byte Buddy's plugin engine (excluded)"),
            Map.entry("dev/portwatch/shaded/net/bytebuddy/build/EntryPoint", "Byte Buddy's plugin engine (excluded)"),
            Map.entry("dev/portwatch/shaded/net/bytebuddy/jar/asmjdkbridge/",
                    "Byte Buddy's JDK 24+ class-file bridge, a multi-release part that cannot be relocated"),
            Map.entry("dev/portwatch/shaded/net/bytebuddy/utility/nullability/",
                    "annotations of package-info classes only; the JVM skips absent annotation types"),
            Map.entry("dev/portwatch/shaded/io/prometheus/metrics/annotations/", "annotations only, as above"),
            Map.entry("dev/portwatch/shaded/io/prometheus/metrics/expositionformats/internal/",
                    "the protobuf exposition format (excluded): portwatch serves the text formats"),
            Map.entry("edu/umd/cs/findbugs/", "annotations only (not a run-time dependency of Byte Buddy)"),
            Map.entry("org/jspecify/", "annotations only (excluded in agent/pom.xml)"),
            Map.entry("org/slf4j/", "optional for Micrometer's logging, which falls back to the JDK's"),
            Map.entry("dev/portwatch/shaded/io/micrometer/context/", "optional for Micrometer: context propagation"),
            Map.entry("dev/portwatch/shaded/org/LatencyUtils/", "optional for Micrometer: pause detection"));

    private static JarReferences jar;

    @BeforeAll
    static void readJar() throws Exception {
        try (JarFile file = new JarFile(Jdks.agentJar().toFile())) {
            jar = JarReferences.of(file);
        }
    }

    @Test
    void portwatchsOwnClassesFindEveryClassTheyReferTo() {
        Map<String, String> missing = missing(jar.referred, true);
        assertEquals(Map.of(), missing, "classes portwatch's code refers to are not in the jar (class -> user);"
                + " a library class minimizeJar dropped or a package agent/pom.xml excludes");
    }

    @Test
    void libraryClassesMissOnlyWhatIsDeliberatelyLeftOut() {
        Map<String, String> missing = missing(jar.referred, false);
        Map<String, String> unexpected = new TreeMap<>(missing);
        unexpected.keySet().removeIf(AgentJarContentIT::deliberatelyAbsent);
        assertEquals(Map.of(), unexpected, "library classes refer to classes missing from the jar (class -> user)");
    }

    @Test
    void everyClassNamedInAStringIsInTheJar() {
        Map<String, String> missing = new TreeMap<>();
        jar.named.forEach((name, user) -> {
            if (!jar.classes.contains(name) && !deliberatelyAbsent(name)) {
                missing.put(name, user);
            }
        });
        assertEquals(Map.of(), missing, "classes loaded by name are missing from the jar (class -> user):"
                + " keep them with a filter include in agent/pom.xml");
    }

    @Test
    void everyShadedClassRealRunsLoadIsInTheJar() throws Exception {
        List<String> absent;
        try (InputStream in = AgentJarContentIT.class.getResourceAsStream("loaded-shaded-classes.txt");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            absent = lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .filter(name -> !jar.classes.contains(name)).toList();
        }
        assertEquals(List.of(), absent, "classes the agent loaded at run time are missing from the jar: keep them"
                + " in agent/pom.xml, or regenerate loaded-shaded-classes.txt if portwatch no longer uses them");
    }

    @Test
    void theJarStaysSmall() {
        assertTrue(jar.entries.size() <= MAX_ENTRIES, "the jar holds " + jar.entries.size() + " entries, more than "
                + MAX_ENTRIES + ": did a shaded library come back whole?");
        List<String> protobuf = jar.entries.stream().filter(name -> name.contains("protobuf")).toList();
        assertEquals(List.of(), protobuf, "the protobuf exposition format is not shipped");
    }

    @Test
    void everyServiceFileNamesClassesOfTheJar() throws Exception {
        List<String> services = jar.entries.stream().filter(name -> name.startsWith("META-INF/services/")
                && !name.endsWith("/")).toList();
        try (JarFile file = new JarFile(Jdks.agentJar().toFile())) {
            for (String service : services) {
                String type = service.substring("META-INF/services/".length()).replace('.', '/');
                assertTrue(type.startsWith("dev/portwatch/"), "unrelocated service " + service);
                String providers;
                try (InputStream in = file.getInputStream(file.getEntry(service))) {
                    providers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<String> absent = providers.lines().map(line -> line.replaceAll("#.*", "").trim())
                        .filter(line -> !line.isEmpty()).map(line -> line.replace('.', '/'))
                        .filter(provider -> !jar.classes.contains(provider)).collect(Collectors.toList());
                assertEquals(List.of(), absent, "providers of " + service + " missing from the jar");
            }
        }
    }

    /** Referred classes neither in the jar nor in the JDK: of portwatch's own classes, or of the libraries'. */
    private static Map<String, String> missing(Map<String, String> referred, boolean ownUsers) {
        Map<String, String> missing = new TreeMap<>();
        referred.forEach((name, user) -> {
            boolean own = !user.startsWith("dev/portwatch/shaded/");
            if (own == ownUsers && !jar.classes.contains(name) && !JarReferences.isJdk(name)) {
                missing.put(name, user);
            }
        });
        return missing;
    }

    private static boolean deliberatelyAbsent(String name) {
        return ABSENT.keySet().stream().anyMatch(name::startsWith);
    }
}
