package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JDKs the integration tests run the agent on, from {@code -Dportwatch.test.jdks} (set by the build). A JDK
 * that is listed but missing fails the test: a test that quietly skips proves nothing.
 */
final class Jdks {

    private Jdks() {}

    static List<Path> all() {
        String homes = System.getProperty("portwatch.test.jdks");
        assertTrue(homes != null && !homes.isBlank(), "portwatch.test.jdks is not set; run the tests with mvn verify");
        List<Path> jdks = Arrays.stream(homes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        for (Path jdk : jdks) {
            assertTrue(Files.isExecutable(jdk.resolve("bin/java")), "JDK missing: " + jdk
                    + " (install it, or list the JDKs to test in -Dportwatch.test.jdks)");
        }
        return jdks;
    }

    /** The JDK's feature release (17, 25), from the {@code JAVA_VERSION} line of its {@code release} file. */
    static int feature(Path jdk) throws java.io.IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return Integer.parseInt(version.split("[.+-]")[0]);
            }
        }
        throw new IllegalStateException("no JAVA_VERSION in " + jdk.resolve("release"));
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("portwatch.agent.jar", "target/portwatch-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "agent jar not built: " + jar);
        return jar;
    }

    /** The demo app's compiled classes; the reactor builds demo-app before the agent's integration tests. */
    static String demoClasses() {
        Path classes = Path.of(System.getProperty("portwatch.demo.classes", "../demo-app/target/classes"));
        assertTrue(Files.isRegularFile(classes.resolve("dev/portwatch/demo/DemoMain.class")),
                "demo app not built: " + classes + " (run mvn verify from the repository root)");
        return classes.toString();
    }

    /**
     * The test classes and the test-scope libraries that scenarios of other libraries' sockets run on (Netty,
     * Reactor Netty, gRPC), from {@code -Dportwatch.test.libraries} (set by the build).
     */
    static String testClassesWithLibraries() {
        String libraries = System.getProperty("portwatch.test.libraries");
        assertTrue(libraries != null && libraries.contains("netty"),
                "portwatch.test.libraries is not set; run the tests with mvn verify");
        return testClasses() + java.io.File.pathSeparator + libraries;
    }

    /** {@link #testClassesWithLibraries()} and Netty's io_uring transport ({@code -Dportwatch.test.iouring}). */
    static String testClassesWithIoUring() {
        String ioUring = System.getProperty("portwatch.test.iouring");
        assertTrue(ioUring != null && ioUring.contains("io_uring"),
                "portwatch.test.iouring is not set; run the tests with mvn verify");
        return testClassesWithLibraries() + java.io.File.pathSeparator + ioUring;
    }

    static String testClasses() {
        return System.getProperty("portwatch.test.classes", "target/test-classes");
    }
}
