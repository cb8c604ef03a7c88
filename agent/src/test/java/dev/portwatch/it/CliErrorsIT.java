package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Every error path of the CLI: one line on stderr, and the exit code README.md documents. */
@Timeout(180)
class CliErrorsIT {

    @EachJdk
    void usageErrorsExitWith2(Path jdk) throws Exception {
        assertFails(Cli.run(jdk), 2, "no command");
        assertFails(Cli.run(jdk, "frobnicate"), 2, "unknown command 'frobnicate'");
        assertFails(Cli.run(jdk, "attach"), 2, "attach needs a pid");
        assertFails(Cli.run(jdk, "attach", "twelve"), 2, "'twelve' is not a pid");
        assertFails(Cli.run(jdk, "attach", "1", "prot=1"), 2, "unknown option 'prot' (agent argument); did you "
                + "mean 'port'?");
        assertFails(Cli.run(jdk, "conections", "1"), 2, "unknown command 'conections'; did you mean "
                + "'connections'?");
        Cli help = Cli.run(jdk, "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("exit codes"), help.stdout());
    }

    /** On a live JVM with portwatch: a typo prints no table in the wrong format, and attaches to nothing. */
    @EachJdk
    void unknownFlagsAndSurplusArgumentsAreRefusedWithTheNearestName(Path jdk) throws Exception {
        try (AgentJvm jvm = AgentJvm.scenario(jdk)) {
            String pid = Long.toString(jvm.pid());
            assertOneLineRefusal(Cli.run(jdk, "connections", pid, "--jsn"),
                    "unknown flag '--jsn' for connections; did you mean '--json'?");
            assertOneLineRefusal(Cli.run(jdk, "connections", pid, "--json", "extra"), "surplus argument 'extra'");
            assertOneLineRefusal(Cli.run(jdk, "attach", pid, "extra"), "agent argument 'extra' is not key=value");
            assertOneLineRefusal(Cli.run(jdk, "attach", pid, "port=0", "extra"), "surplus argument 'extra'");
            assertOneLineRefusal(Cli.run(jdk, "list", "--json"), "surplus argument '--json'; list takes no");
            assertFalse(AttachListener.isRunning(jvm.pid()), jvm.jdk + ": a refused command attached");
            Cli json = Cli.run(jdk, "connections", pid, "--json");
            assertEquals(0, json.exitCode(), json.stderr());
            assertTrue(json.stdout().startsWith("{"), json.stdout());
        }
    }

    private static void assertOneLineRefusal(Cli cli, String message) {
        assertFails(cli, 2, message);
        assertEquals("", cli.stdout());
        assertEquals(1, cli.stderr().lines().count(), cli.stderr());
    }

    @EachJdk
    void noSuchProcessExitsWith3(Path jdk) throws Exception {
        long unused = 4_000_000L;
        while (ProcessHandle.of(unused).isPresent()) {
            unused++;
        }
        assertFails(Cli.run(jdk, "attach", Long.toString(unused)), 3, "no process with pid " + unused);
    }

    @EachJdk
    void aProcessThatIsNoJvmExitsWith4(Path jdk) throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertFails(Cli.run(jdk, "attach", Long.toString(sleep.pid())), 4, "is not a Java virtual machine");
        } finally {
            sleep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @EachJdk
    void aJvmThatRefusesAttachExitsWith5(Path jdk) throws Exception {
        Process refusing = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-XX:+DisableAttachMechanism",
                "-cp", Jdks.testClasses(), PreexistingSockets.class.getName()).start();
        try {
            new String(refusing.getInputStream().readNBytes(8)); // "OK ready": it is up
            Cli cli = Cli.run(jdk, "attach", Long.toString(refusing.pid()));
            assertTrue(cli.exitCode() == 4 || cli.exitCode() == 5, "exit code " + cli.exitCode() + ": "
                    + cli.stderr());
            assertTrue(cli.stderr().contains("DisableAttachMechanism"), cli.stderr());
            assertEquals(1, cli.stderr().lines().count(), cli.stderr());
        } finally {
            refusing.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @EachJdk
    void aRuntimeWithoutTheAttachModuleExitsWith6(Path jdk) throws Exception {
        Cli cli = Cli.run(jdk, List.of("--limit-modules", "java.base,java.net.http"), "attach", "1");
        assertFails(cli, 6, "no jdk.attach module");
    }

    private static void assertFails(Cli cli, int exitCode, String message) {
        assertEquals(exitCode, cli.exitCode(), "exit code; stderr: " + cli.stderr());
        assertTrue(cli.stderr().startsWith("portwatch: ") && cli.stderr().contains(message), cli.stderr());
    }
}
