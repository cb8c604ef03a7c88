package dev.portwatch.agent;

import dev.portwatch.instrument.FunnelClassNames;
import dev.portwatch.instrument.TransformerSlot;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * The transformer {@code premain} registers before it returns, in place of the funnels' transformer, which is built
 * later (the bridge, the configuration without its secrets, the capture's listener, the transformer): by the first
 * thread to need it. That is the agent's thread, {@code portwatch-start}, or a thread of the application whose
 * funnel class (a socket on {@code main}'s first line) loads before that thread got to it: that thread claims the
 * build and runs it itself, right there, then its class loads woven. So no funnel class loads unwoven, however
 * early the application opens a socket, and {@code main} does not wait for the agent's start unless it opens a
 * socket first.
 *
 * <p>Why this cannot deadlock. The build reads only the agent's jar, through {@code java.io}; it loads no funnel
 * class, initialises nothing of {@code java.security} and nothing of the application's, and takes no lock that a
 * thread of the application could hold. A class loading thread that finds the build claimed by another waits here,
 * holding that funnel class's loading and the initialisation of the classes whose initialisers it is in; the
 * builder needs none of them. The agent's thread never waits here: it claims the build, or waits for the other
 * builder to finish while holding nothing ({@link #awaitOpen}); it reads the secrets (files through NIO, which on
 * JDK 25 loads a funnel class, and a keystore, which initialises {@code java.security.Security}) only after the
 * gate has opened ({@link SecretsAfterGate}).
 *
 * <p>A thread's wait for another's build is bounded all the same ({@link #waitMillis}): past it the class loads
 * unwoven, one line says so, and the agent's health counts it (its error counter); the agent's thread retransforms
 * it when it is done, so only the sockets opened until then go unrecorded.
 *
 * <p>JDK types only (and the funnel classes' names): {@code premain} loads this class.
 */
final class WeaveGate implements ClassFileTransformer, TransformerSlot {

    private final long waitMillis;
    private volatile Runnable build;
    /** The thread that claimed the build: its own loads never wait. Guarded by this for the claim. */
    private volatile Thread builder;
    private volatile ClassFileTransformer delegate;
    /** Set once the build is done, or given up: no class waits any more. */
    private volatile boolean open;
    private volatile long timedOut;

    WeaveGate(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** What the first thread to claim the gate runs ({@link #claim}); set before the gate is registered. */
    void buildWith(Runnable buildOnce) {
        build = buildOnce;
    }

    /**
     * Claims the build for the calling thread: true for the first thread to ask, which must then run it
     * ({@link #runBuild}); false for every later one, or once the gate is open.
     */
    synchronized boolean claim() {
        if (builder != null || open) {
            return false;
        }
        builder = Thread.currentThread();
        return true;
    }

    /** Runs the build on the thread that claimed it; the gate is open afterwards, whatever happened. */
    void runBuild() {
        try {
            build.run();
        } finally {
            open();
        }
    }

    @Override
    public void hold(ClassFileTransformer transformer) {
        delegate = transformer;
        open();
    }

    /** No class waits any more: with no transformer held, each loads as it would without the agent. */
    synchronized void open() {
        open = true;
        notifyAll();
    }

    /**
     * Waits until the gate is open, for the agent's thread when another thread claimed the build: it holds nothing
     * then (no lock, no class loading, no initialisation), so the builder cannot need it. Unbounded: nothing of the
     * application waits for this thread, and the build opens the gate whatever happens.
     */
    synchronized void awaitOpen() throws InterruptedException {
        while (!open) {
            wait();
        }
    }

    /** How many funnel classes loaded unwoven because the wait for another thread's build ran out. */
    long timedOut() {
        return timedOut;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        ClassFileTransformer now = delegate;
        if (now == null && !open && internalName != null && FunnelClassNames.isFunnel(loader == null, internalName)
                && Thread.currentThread() != builder) {
            if (claim()) {
                runBuild(); // here, inside this class's load: see the class comment for why that is safe
                now = delegate;
            } else {
                now = awaitDelegate(internalName);
            }
        }
        return now == null ? null : now.transform(loader, internalName, classBeingRedefined, protectionDomain,
                classFile);
    }

    private ClassFileTransformer awaitDelegate(String internalName) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        synchronized (this) {
            while (!open) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timedOut++;
                    if (timedOut == 1) {
                        System.err.println("portwatch: " + internalName.replace('/', '.')
                                + " loaded before the agent was ready (waited " + waitMillis + " ms): its sockets "
                                + "are recorded once the agent has started, not before");
                    }
                    return null;
                }
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt(); // the application's: keep it, and stop waiting
                    return delegate;
                }
            }
        }
        return delegate;
    }
}
