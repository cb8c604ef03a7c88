package dev.portwatch.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point for {@code -javaagent:} and dynamic attach. It does as little as possible: put the bridge
 * on the bootstrap class loader, then hand over to the installer by name. Whatever goes wrong, the host application
 * starts and runs on; the agent prints one line and stays out of the way. Started with the JVM, {@code premain}
 * only registers a {@link WeaveGate} and starts the agent's thread, which does all that: the application's
 * {@code main} starts meanwhile, and if a socket class it loads comes first, its thread does that part itself.
 *
 * <p>This class must not link against the bridge, Byte Buddy or any other agent package (the gate links only to
 * the funnels' names): the installer is loaded
 * by name only after the bridge exists on the boot loader, so that everything resolves to that one copy.
 */
public final class PortwatchAgent {

    private static final String INSTALLER = "dev.portwatch.agent.Installer";
    /** TEST-ONLY (see {@link FaultInjection}): how long a funnel class waits for the agent's thread at most. */
    static final String READY_WAIT_MILLIS = "portwatch-test.readyWaitMillis";
    /** TEST-ONLY: the agent's thread waits this long before it starts, so that the application's builds. */
    static final String PREPARE_DELAY_MILLIS = "portwatch-test.prepareDelayMillis";
    /** TEST-ONLY: the build waits this long first, on whichever thread runs it, so that others wait for it. */
    static final String BUILD_DELAY_MILLIS = "portwatch-test.buildDelayMillis";
    /**
     * {@code AgentConfig.statusProperty()}, named here (this class links to no other part): set as premain returns,
     * so that whoever asks the JVM at once (the CLI's attach, which otherwise loads the agent again) finds the agent
     * there; the installer says "recording" once it is, and the property goes if the agent does not start.
     */
    private static final String STATUS = "portwatch.status";
    private static final String STARTING = "starting";
    /**
     * Held by the thread that builds (see {@link #startNow}) while it does: the agent's, or an application's whose
     * socket class came first; the build inside waits for nothing of the application's.
     */
    private static final Object INSTALLING = new Object();
    /** Far above the agent's start on a loaded machine (tens of ms), far below anyone's patience. */
    static final long READY_WAIT_MS = 5_000;

    /** The installer, as it hands itself over when its class initializes; null until then. */
    private static volatile Start installer;

    /** What the installer does, in JDK types only: this class links against nothing else of the agent. */
    interface Start {
        /**
         * {@code gate}: the transformer premain registered, to hold the funnels' transformer when built; null when
         * attached (the funnels' transformer is registered itself). With a gate this runs on the thread that claimed
         * the build (the agent's own, or the application's inside a socket class's load) and returns the rest of the
         * agent's start, for the agent's thread to run once the gate is open (null: nothing more to do).
         */
        Runnable install(String arguments, Instrumentation instrumentation, boolean attached, WeaveGate gate)
                throws Exception;
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
        if (attached) {
            // Attached to a running JVM: its socket classes are loaded already, nothing to gate; the attach waits.
            startNow(arguments, instrumentation, true, null);
            return;
        }
        // Started with the JVM: the gate, registered before premain returns, has the first thread that needs the
        // funnels' transformer build it (the agent's thread, or one whose socket class loads first), so that the
        // application's main need not wait for it.
        WeaveGate gate = new WeaveGate(readyWaitMillis());
        Build build = new Build(arguments, instrumentation, gate);
        gate.buildWith(build);
        try {
            instrumentation.addTransformer(gate, true);
        } catch (Throwable t) {
            startNow(arguments, instrumentation, false, null); // no gate: the funnels' transformer registers itself
            return;
        }
        if (System.getProperty(STATUS) == null) {
            System.setProperty(STATUS, STARTING);
        }
        try {
            Thread thread = new Thread(new Preparer(gate, build), "portwatch-start");
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable t) {
            // No thread to prepare on (resource limits): prepare here, the gate open (nothing else runs yet, so
            // nothing claimed it) and the funnels' transformer registered itself, as when attached.
            if (gate.claim()) {
                gate.open();
                startNow(arguments, instrumentation, false, null);
            }
        }
    }

    /**
     * The bridge, the installer and its install, once at a time; with a gate, returns the rest of the agent's start,
     * for the agent's own thread (null: nothing more to do). Never throws: it may run on the application's thread.
     */
    private static Runnable startNow(String arguments, Instrumentation instrumentation, boolean attached,
                                     WeaveGate gate) {
        try {
            // One install at a time: the agent given twice with the JVM builds twice, and the second build must
            // find the first's bridge whole (then it says the agent runs already, and does nothing). The lock is
            // the agent's own: no thread of the application holds it while it waits for anything.
            synchronized (INSTALLING) {
                new BootstrapBridge(instrumentation).inject();
                // Initializing the installer's class makes it hand itself over: neither Method.invoke (since JDK 18
                // core reflection spins method handle classes for every method it calls) nor a method handle (whose
                // exact call still spins three lambda forms, several milliseconds before main on JDK 25).
                Class.forName(INSTALLER, true, PortwatchAgent.class.getClassLoader());
                return installer.install(arguments, instrumentation, attached, gate);
            }
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("portwatch: not started (" + cause + "); the application runs without it");
            return null;
        } finally {
            if (gate != null) {
                gate.open(); // whatever happened: no socket class waits for the agent any more
            }
            if (!attached && STARTING.equals(System.getProperty(STATUS))) {
                System.clearProperty(STATUS); // off, or not started: as if it had never been loaded
            }
        }
    }

    /** How long a funnel class waits for the agent's thread at most ({@link WeaveGate}); a test may say. */
    private static long readyWaitMillis() {
        Long chosen = Long.getLong(READY_WAIT_MILLIS);
        return chosen == null || chosen < 0 ? READY_WAIT_MS : chosen;
    }

    /**
     * The build the gate has the first thread that needs it run ({@link WeaveGate#claim}): the bridge, the
     * configuration without its secrets, the listener and the funnels' transformer. It keeps what the installer
     * hands back, the rest of the start, for the agent's thread.
     */
    private static final class Build implements Runnable {

        private final String arguments;
        private final Instrumentation instrumentation;
        private final WeaveGate gate;
        private volatile Runnable rest;

        Build(String arguments, Instrumentation instrumentation, WeaveGate gate) {
            this.arguments = arguments;
            this.instrumentation = instrumentation;
            this.gate = gate;
        }

        @Override
        public void run() {
            pause(BUILD_DELAY_MILLIS);
            rest = startNow(arguments, instrumentation, false, gate);
        }
    }

    /**
     * The agent's thread, started in premain (a class, where a lambda would spin one before main): builds, unless
     * a thread of the application claimed the build first, then runs the rest of the start.
     */
    private static final class Preparer implements Runnable {

        private final WeaveGate gate;
        private final Build build;

        Preparer(WeaveGate gate, Build build) {
            this.gate = gate;
            this.build = build;
        }

        @Override
        public void run() {
            pause(PREPARE_DELAY_MILLIS);
            if (gate.claim()) {
                gate.runBuild();
            } else {
                try {
                    gate.awaitOpen();
                } catch (InterruptedException interrupted) {
                    return; // no one interrupts it but the JVM's end
                }
            }
            Runnable rest = build.rest;
            if (rest != null) {
                rest.run();
            }
        }
    }

    /** The test switch's pause ({@link FaultInjection}), if one is set. */
    private static void pause(String property) {
        long delay = Long.getLong(property, 0L);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
