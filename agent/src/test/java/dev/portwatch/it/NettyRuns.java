package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tests of Netty's sockets share: a {@link NettyScenario} JVM, run with the kernel's view of its sockets,
 * its answers' ports, single rows.
 */
final class NettyRuns {

    private static final Pattern PORT = Pattern.compile("(\\w+)=(\\d+)");

    private NettyRuns() {}

    static AgentJvm netty(Path jdk) throws Exception {
        return AgentJvm.startWithClasspath(jdk, "port=0,closedRetention=60s", Jdks.testClassesWithLibraries(),
                NettyScenario.class.getName()).ready();
    }

    /** {@link #netty} with Netty's io_uring transport on the class path too. */
    static AgentJvm nettyWithIoUring(Path jdk) throws Exception {
        return AgentJvm.startWithClasspath(jdk, "port=0,closedRetention=60s", Jdks.testClassesWithIoUring(),
                NettyScenario.class.getName()).ready();
    }

    /** What a test does with a Netty JVM and the kernel's view of its sockets. */
    interface KernelSteps {
        void run(AgentJvm jvm, KernelAgreement agreement) throws Exception;
    }

    /**
     * Takes the kernel's view of the started JVM before the steps open anything, runs them with both and stops the
     * JVM, also when they fail.
     */
    static void withKernel(AgentJvm jvm, KernelSteps steps) throws Exception {
        try (jvm) {
            steps.run(jvm, KernelAgreement.of(jvm));
        }
    }

    static Row only(List<Row> rows, Predicate<Row> which, String context) {
        List<Row> found = rows.stream().filter(which).toList();
        assertEquals(1, found.size(), context);
        assertFalse(found.get(0).leaked(), context);
        return found.get(0);
    }

    static int port(String answer, String name) {
        Matcher matcher = PORT.matcher(answer);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return Integer.parseInt(matcher.group(2));
            }
        }
        throw new AssertionError("no " + name + "= in " + answer);
    }
}
