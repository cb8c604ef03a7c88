package dev.portwatch.agent;

import dev.portwatch.access.JdkAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Hands the C heap's free memory back to the system once, some seconds after the agent started: the JVM's own
 * {@code System.trim_native_heap} diagnostic command ({@code jcmd <pid> System.trim_native_heap}).
 *
 * <p>Why: the JVM's start-up with the agent compiles and spins more than without it (on JDK 25 one C1 compilation of
 * the class-file API's stack map generator alone takes 7.6 MB of compiler arena), and glibc keeps what was freed
 * resident in its malloc arenas: an idle JVM held about 10 MB more than without the agent (docs/benchmarks.md).
 *
 * <p>How: the diagnostic-command bean's native method, called directly through {@code access} (its package is
 * opened to portwatch's lookups alone): no JMX server starts, no MBean is registered, nothing listens. Its library
 * is loaded by the JDK's own management provider class, so no restricted-method warning is printed. Anything
 * missing (a runtime without {@code jdk.management}, a JDK without the command, a C library without
 * {@code malloc_trim}, where the JVM answers so) makes it a silent no-op: it never throws.
 */
final class NativeHeapTrim {

    /** Long enough for the start-up's compilations and the agent's own start to be over. */
    static final long DELAY_MILLIS = 10_000;
    static final String COMMAND = "System.trim_native_heap";

    private static final String PROVIDER = "com.sun.management.internal.PlatformMBeanProviderImpl";
    private static final String COMMANDS = "com.sun.management.internal.DiagnosticCommandImpl";
    private static final String BEAN = "com.sun.management.DiagnosticCommandMBean";

    private final long dueMillis;
    private boolean done;

    NativeHeapTrim(long startMillis) {
        this.dueMillis = startMillis + DELAY_MILLIS;
    }

    /** Trims once, on the first call at or after the due time (true then); later calls do nothing. */
    boolean runIfDue(long nowMillis) {
        if (done || nowMillis < dueMillis) {
            return false;
        }
        done = true;
        run(COMMAND);
        return true;
    }

    /** Runs one diagnostic command in this JVM: what it printed, or null when it could not run. */
    static String run(String command) {
        try {
            // Its static initializer loads the library that holds the bean's native methods.
            Class.forName(PROVIDER, true, null);
            Class<?> commands = Class.forName(COMMANDS, false, null);
            MethodHandles.Lookup lookup = JdkAccess.in(commands);
            Object bean = lookup.findStatic(commands, "getDiagnosticCommandMBean",
                    MethodType.methodType(Class.forName(BEAN, false, null))).invoke();
            if (bean == null) {
                return null; // the JVM refuses diagnostic commands from the bean
            }
            return (String) lookup.findVirtual(commands, "executeDiagnosticCommand",
                    MethodType.methodType(String.class, String.class)).invoke(bean, command);
        } catch (Throwable unavailable) {
            return null;
        }
    }
}
