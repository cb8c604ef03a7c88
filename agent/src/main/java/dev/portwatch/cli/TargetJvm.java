package dev.portwatch.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A running JVM reached through the attach API ({@code jdk.attach}). The only class of the CLI that links to that
 * module, so that a runtime without it fails with a clear message instead of a linkage error.
 */
final class TargetJvm implements AutoCloseable {

    static final String ENDPOINT_PROPERTY = "portwatch.endpoint";
    static final String STATUS_PROPERTY = "portwatch.status";
    private static final long ATTACH_TIMEOUT_SECONDS = 10;

    private final long pid;
    private final VirtualMachine vm;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** A local JVM the attach API lists: its pid and what it runs. */
    record Listed(long pid, String mainClass) {}

    static List<Listed> list() {
        List<Listed> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            try {
                String display = descriptor.displayName();
                jvms.add(new Listed(Long.parseLong(descriptor.id()),
                        display.isBlank() ? "(unknown)" : display.split(" ")[0]));
            } catch (NumberFormatException notAPid) {
                // not a local process
            }
        }
        return jvms;
    }

    /** Attaches, telling apart a missing process, a process that is no JVM, and a JVM that refuses. */
    static TargetJvm attach(long pid) throws CliException {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException(ExitCode.NO_SUCH_PROCESS, "no process with pid " + pid);
        }
        ProcessOwner.requireSameUser(pid);
        boolean listed = list().stream().anyMatch(jvm -> jvm.pid() == pid);
        if (!listed && !loadsTheJvmLibrary(pid)) {
            // Not even trying: attaching signals the process, and a process that is no JVM may die of it.
            throw new CliException(ExitCode.NOT_A_JVM, "process " + pid + " is not a Java virtual machine");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "portwatch-attach");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<VirtualMachine> attaching = executor.submit(() -> VirtualMachine.attach(Long.toString(pid)));
            return new TargetJvm(pid, attaching.get(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (!listed) {
                throw new CliException(ExitCode.NOT_A_JVM, "process " + pid + " is not a Java virtual machine "
                        + "(or one started with -XX:+DisableAttachMechanism or -XX:-UsePerfData)");
            }
            String reason = cause instanceof AttachNotSupportedException || cause instanceof IOException
                    ? cause.getMessage() : String.valueOf(cause);
            throw new CliException(ExitCode.ATTACH_REFUSED, "JVM " + pid + " refused to attach (" + reason
                    + "); the CLI must run as the same user as the JVM, and the JVM without "
                    + "-XX:+DisableAttachMechanism");
        } catch (TimeoutException slow) {
            throw new CliException(ExitCode.ATTACH_REFUSED, "JVM " + pid + " did not answer the attach request "
                    + "within " + ATTACH_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ATTACH_REFUSED, "interrupted while attaching to " + pid);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Whether the process has HotSpot's library mapped (Linux). A JVM run with {@code -XX:-UsePerfData} is not
     * listed by the attach API but still has it; when the maps cannot be read (another user), assume it might.
     */
    private static boolean loadsTheJvmLibrary(long pid) {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        if (!Files.isReadable(maps)) {
            return true;
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | UncheckedIOException unreadable) {
            return true;
        }
    }

    Properties systemProperties() throws CliException {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw new CliException(ExitCode.ATTACH_REFUSED, "cannot read the system properties of JVM " + pid
                    + " (" + e.getMessage() + ")");
        }
    }

    void loadAgent(String jar, String options) throws CliException {
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new CliException(ExitCode.AGENT_FAILED, "JVM " + pid + " could not load the agent: "
                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException alreadyGone) {
            // nothing to release
        }
    }
}
