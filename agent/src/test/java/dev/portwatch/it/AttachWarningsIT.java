package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * What the JVM itself prints on its stderr when portwatch is attached, as docs/how-it-works.md quotes it: on JDK 21
 * and later the dynamic-loading warning (JDK 17 prints none), silenced by {@code -XX:+EnableDynamicAgentLoading};
 * no other JDK warning on any JDK (portwatch calls no restricted method and no deprecated {@code sun.misc.Unsafe}
 * method, so JDK 24+ has no {@code --enable-native-access} warning to print for it).
 */
@Timeout(120)
class AttachWarningsIT {

    @EachJdk
    void attachingPrintsOnlyTheDynamicLoadingWarning(Path jdk) throws Exception {
        List<String> warnings = jdkWarningsAfterAttach(jdk, List.of());
        if (Jdks.feature(jdk) >= 21) {
            assertEquals(4, warnings.size(), warnings.toString());
            assertEquals("WARNING: A Java agent has been loaded dynamically (" + Jdks.agentJar().toAbsolutePath()
                    + ")", warnings.get(0));
            assertEquals("WARNING: If a serviceability tool is in use, please run with "
                    + "-XX:+EnableDynamicAgentLoading to hide this warning", warnings.get(1));
        } else {
            assertEquals(List.of(), warnings);
        }
    }

    @EachJdk
    void enableDynamicAgentLoadingSilencesIt(Path jdk) throws Exception {
        assertEquals(List.of(), jdkWarningsAfterAttach(jdk, List.of("-XX:+EnableDynamicAgentLoading")));
    }

    /** The target's {@code WARNING:} lines once portwatch attached by the CLI has started its endpoint. */
    private static List<String> jdkWarningsAfterAttach(Path jdk, List<String> jvmArgs) throws Exception {
        try (AgentJvm target = AgentJvm.start(jdk, jvmArgs, null, null, PreexistingSockets.class.getName())) {
            target.awaitReady();
            Cli attach = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, attach.exitCode(), attach.stderr());
            assertEquals("", attach.stderr(), "the CLI's own JVM prints nothing either");
            target.endpoint(); // its start line comes after whatever the JVM printed on loading it
            List<String> stderr = target.stderr();
            assertTrue(stderr.stream().noneMatch(line -> line.contains("restricted method")
                    || line.contains("--enable-native-access") || line.contains("terminally deprecated")),
                    target.jdk + ": " + stderr);
            return stderr.stream().filter(line -> line.startsWith("WARNING:")).toList();
        }
    }
}
