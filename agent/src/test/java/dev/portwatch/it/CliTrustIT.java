package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * The CLI believes nothing a target JVM says about itself. A JVM without portwatch that sets
 * {@code portwatch.endpoint} and {@code portwatch.status} by hand, pointing at a listener of another process (this
 * test's), gets neither the token nor any request: the CLI exits with 10 and one line, and the listener accepted
 * nothing. A URL that is not http(s) on loopback (a file, a name, a path) is refused the same way, never with a stack
 * trace or a raw escape sequence. And a JVM of another user is refused (9) before anything is attached to it.
 */
@Timeout(300)
class CliTrustIT {

    private static final String TOKEN = "cli-trust-token-0123456789";

    @EachJdk
    void aFakeTargetPointingAtAnotherProcessGetsNoRequestAndNoToken(Path jdk) throws Exception {
        try (ServerSocket bait = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String loopback = "http://127.0.0.1:" + bait.getLocalPort();
            for (String advertised : List.of(loopback, "http://[::1]:" + bait.getLocalPort(),
                    "http://localhost:" + bait.getLocalPort(), "https://127.0.0.1:" + bait.getLocalPort(),
                    "http://evil.example:" + bait.getLocalPort(), "file:///etc/passwd", loopback + "/metrics?x=1",
                    "ftp://127.0.0.1:" + bait.getLocalPort(), "http://user:pw@127.0.0.1:" + bait.getLocalPort(),
                    "\u001b]0;owned\u0007\u009b2J\u202e", "http://127.0.0.1:99999")) {
                assertRefused(jdk, advertised, bait);
            }
        }
    }

    private static void assertRefused(Path jdk, String advertised, ServerSocket bait) throws Exception {
        try (AgentJvm fake = AgentJvm.start(jdk, List.of("-Dportwatch.endpoint=" + advertised,
                "-Dportwatch.status=recording"), null, null, PreexistingSockets.class.getName())) {
            fake.awaitLine("OK ready");
            for (String command : List.of("connections", "attach")) {
                Cli cli = Cli.run(jdk, List.of(), Map.of("PORTWATCH_TOKEN", TOKEN), command,
                        Long.toString(fake.pid()));
                String what = fake.jdk + ": " + command + " with portwatch.endpoint=" + advertised.replaceAll(
                        "\\p{Cntrl}", "?");
                assertEquals(10, cli.exitCode(), what + ": " + cli.stderr());
                assertEquals(1, cli.stderr().lines().count(), what + ": one line: " + cli.stderr());
                assertTrue(cli.stderr().startsWith("portwatch: JVM " + fake.pid() + " advertises the endpoint"),
                        what + ": " + cli.stderr());
                assertTrue(cli.stderr().contains("not sending it a request or the token"), cli.stderr());
                assertFalse(cli.stderr().contains("\tat ") || cli.stderr().contains("Exception"), cli.stderr());
                assertTrue(cli.stderr().chars().noneMatch(c -> c == 0x1b || c == 0x9b || c == 0x202e || c == 7),
                        what + ": a raw control character on stderr");
                assertEquals("", cli.stdout(), what);
            }
        }
        bait.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, bait::accept, "the other process's listener was connected to");
    }

    @EachJdk
    void anotherUsersJvmIsRefusedBeforeAttaching(Path jdk) throws Exception {
        Path classes = readableByAll(Path.of(Jdks.testClasses()));
        Process theirs = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                jdk.resolve("bin/java").toString(), "-cp", classes.toString(), PreexistingSockets.class.getName())
                .start();
        try {
            assertEquals("OK ready", new String(theirs.getInputStream().readNBytes(8)), "the other user's JVM is up");
            for (String command : List.of("attach", "connections")) {
                Cli cli = Cli.run(jdk, command, Long.toString(theirs.pid()));
                assertEquals(9, cli.exitCode(), command + ": " + cli.stderr());
                assertEquals(1, cli.stderr().lines().count(), cli.stderr());
                assertTrue(cli.stderr().contains("belongs to another user"), cli.stderr());
            }
            assertFalse(AttachListener.isRunning(theirs.pid()), "nothing attached to it");
        } finally {
            theirs.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteTree(classes);
        }
    }

    /**
     * A copy of the test classes that another user can read: the checkout's own may sit under a directory only its
     * owner may enter (a clone into {@code mktemp -d}).
     */
    private static Path readableByAll(Path classes) throws IOException {
        Path copy = Files.createTempDirectory("portwatch-other-user");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(classes.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(file, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        return copy;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
