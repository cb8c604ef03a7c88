package dev.portwatch.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point for {@code -javaagent:} and dynamic attach. It does as little as possible: put the bridge
 * on the bootstrap class loader, then hand over to the installer by name. Whatever goes wrong, the host application
 * starts and runs on; the agent prints one line and stays out of the way.
 *
 * <p>This class must not link against the bridge, Byte Buddy or any other agent package: the installer is loaded
 * by name only after the bridge exists on the boot loader, so that everything resolves to that one copy.
 */
public final class PortwatchAgent {

    private static final String INSTALLER = "dev.portwatch.agent.Installer";

    /** The installer, as it hands itself over when its class initializes; null until then. */
    private static volatile Start installer;

    /** What the installer does, in JDK types only: this class links against nothing else of the agent. */
    interface Start {
        void install(String arguments, Instrumentation instrumentation, boolean attached) throws Exception;
    }

    private PortwatchAgent() {}

    /** Called by the installer's class as it initializes (see {@link #start}). */
    static void handOver(Start start) {
        installer = start;
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
        try {
            new BootstrapBridge(instrumentation).inject();
            // Initializing the installer's class makes it hand itself over: neither Method.invoke (since JDK 18 core
            // reflection spins method handle classes for every method it calls) nor a method handle (whose exact
            // call still spins three lambda forms, several milliseconds before main on JDK 25).
            Class.forName(INSTALLER, true, PortwatchAgent.class.getClassLoader());
            installer.install(arguments, instrumentation, attached);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("portwatch: not started (" + cause + "); the application runs without it");
        }
    }
}
