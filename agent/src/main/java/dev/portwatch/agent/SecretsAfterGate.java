package dev.portwatch.agent;

import dev.portwatch.capture.CaptureOnFirstUse;
import dev.portwatch.config.AgentConfig;
import dev.portwatch.config.ConfigException;
import dev.portwatch.config.ConfigParser;
import dev.portwatch.instrument.FunnelInstaller;
import dev.portwatch.log.AgentLog;

/**
 * The endpoint's secrets (the token or its file, the TLS keystore and its password or password file), read on the
 * agent's own thread once premain's gate is open, never in the build ({@link WeaveGate}): reading a file through
 * NIO loads a socket class on JDK 25 and a keystore initialises {@code java.security.Security}, and the build may
 * run on the application's thread, inside such a load or initialisation, or while another thread of the
 * application holds one and waits at the gate. Here the agent's thread holds nothing the application could wait
 * for, and the gate no longer holds anyone.
 *
 * <p>A bad secret is the usual one line, and portwatch turns itself off: the listener leaves the bridge, the
 * transformer leaves the gate and the funnel classes are retransformed as the JDK has them; the application runs
 * on. With a secret given, an exit hook holds the JVM's exit (at most {@link #EXIT_HOLD_MILLIS}) until the secrets
 * are read, so that a short program still gets that line; one that ends before the agent's thread is under way
 * (some 50 ms after the start) may get none.
 */
final class SecretsAfterGate {

    /** Far above reading two small files and a keystore, short enough for a program that is ending. */
    static final long EXIT_HOLD_MILLIS = 2_000;

    private final String arguments;
    private final AgentLog log;

    SecretsAfterGate(String arguments, AgentLog log) {
        this.arguments = arguments;
        this.log = log;
    }

    /**
     * The configuration with its secrets; null when one is bad: then that is said, and the {@code capture}'s
     * listener and the {@code funnels}' transformer are removed.
     */
    AgentConfig read(AgentConfig withoutSecrets, CaptureOnFirstUse capture, FunnelInstaller funnels) {
        if (!withoutSecrets.secretsPending()) {
            return withoutSecrets;
        }
        ExitHold hold = ExitHold.register();
        try {
            return withoutSecrets.withSecretsOf(ConfigParser.secretsGiven(arguments, System.getProperties(),
                    System.getenv()));
        } catch (ConfigException bad) {
            turnOff(bad.getMessage(), capture, funnels);
            return null;
        } catch (RuntimeException | LinkageError unexpected) {
            turnOff("cannot read the endpoint's secrets (" + unexpected + ")", capture, funnels);
            return null;
        } finally {
            hold.release();
        }
    }

    private void turnOff(String reason, CaptureOnFirstUse capture, FunnelInstaller funnels) {
        capture.takeOff(); // first: no event reaches the capture from here on
        log.info(reason + "; portwatch is off, the application runs without it");
        funnels.reset();
        System.clearProperty(AgentConfig.statusProperty()); // as if it had never been loaded
    }

    /** Holds the JVM's exit until released, at most {@link #EXIT_HOLD_MILLIS}: a class, not a lambda. */
    private static final class ExitHold implements Runnable {

        private final Object lock = new Object();
        private boolean released;
        private Thread hook;

        static ExitHold register() {
            ExitHold hold = new ExitHold();
            try {
                Thread hook = new Thread(hold, "portwatch-secrets");
                Runtime.getRuntime().addShutdownHook(hook);
                hold.hook = hook;
            } catch (IllegalStateException | SecurityException exiting) {
                // the JVM is exiting already: the secrets are read all the same, if there is time
            }
            return hold;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + EXIT_HOLD_MILLIS * 1_000_000L;
            synchronized (lock) {
                long left;
                while (!released && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        lock.wait(Math.max(1, left / 1_000_000L));
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }

        void release() {
            synchronized (lock) {
                released = true;
                lock.notifyAll();
            }
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException | SecurityException exiting) {
                    // the JVM is exiting: the hook has just been let go
                }
            }
        }
    }
}
