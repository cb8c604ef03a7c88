package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The agent reads into JDK internals (socket fields, the internal {@code Unsafe} that defines its bridge, the
 * performance data, the diagnostic-command bean that trims the C heap) without opening them to the host application: the class path sees exactly what it sees
 * without the agent, whether the agent started with the JVM or was attached later.
 */
@Timeout(120)
class JdkEncapsulationIT {

    @EachJdk
    void theApplicationReachesNoMoreOfTheJdkWithTheAgentThanWithout(Path jdk) throws Exception {
        String without = reachable(jdk, null);
        assertTrue(without.contains("sun.nio.ch=hidden") && without.contains("jdk.internal.misc=hidden")
                && without.contains("jdk.management/com.sun.management.internal=hidden"), without);
        assertEquals(without, reachable(jdk, "port=0"), "started with -javaagent");
    }

    @EachJdk
    void attachingOpensNothingEither(Path jdk) throws Exception {
        try (AgentJvm target = AgentJvm.start(jdk, List.of(), null, null, PreexistingSockets.class.getName())) {
            target.awaitReady();
            String before = target.command("access");
            Cli attach = Cli.run(jdk, "attach", Long.toString(target.pid()));
            assertEquals(0, attach.exitCode(), attach.stderr());
            target.endpoint();
            assertTrue(target.table().rows().size() >= 5, "the attached agent records the sockets opened before");
            assertEquals(before, target.command("access"));
        }
    }

    private static String reachable(Path jdk, String agentOptions) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, List.of(), null, agentOptions, PreexistingSockets.class.getName())) {
            jvm.awaitReady();
            if (agentOptions != null) {
                assertTrue(jvm.table().rows().size() >= 5, "the agent records while it opens nothing");
            }
            return jvm.command("access");
        }
    }
}
