package dev.portwatch.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The agent's entry point for {@code -javaagent:} and dynamic attach. It does as little as possible: put the bridge
 * on the bootstrap class loader, then hand over to the installer by name. Whatever goes wrong, the host application
 * starts and runs on; the agent prints one line and stays out of the way.
 *
 * <p>This class must not link against the bridge, Byte Buddy or any other agent package: the installer is loaded
 * reflectively only after the bridge exists on the boot loader, so that everything resolves to that one copy.
 */
public final class PortwatchAgent {

    private static final String INSTALLER = "dev.portwatch.agent.Installer";

    private PortwatchAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
        try {
            new BootstrapBridge(instrumentation).inject();
            // A method handle called with its exact type rather than Method.invoke: since JDK 18 core reflection
            // spins method handle classes of its own for every method it calls, tens of milliseconds before main.
            MethodHandles.lookup().findStatic(Class.forName(INSTALLER, true, PortwatchAgent.class.getClassLoader()),
                    "install", MethodType.methodType(void.class, String.class, Instrumentation.class, boolean.class))
                    .invokeExact(arguments, instrumentation, attached);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("portwatch: not started (" + cause + "); the application runs without it");
        }
    }
}
