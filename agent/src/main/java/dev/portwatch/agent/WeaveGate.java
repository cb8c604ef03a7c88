package dev.portwatch.agent;

import dev.portwatch.instrument.FunnelClassNames;
import dev.portwatch.instrument.TransformerSlot;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * The transformer {@code premain} registers before it returns, while the agent's thread builds the real one (the
 * bridge, the configuration, the capture's listener, the funnels' transformer): a funnel class that loads
 * meanwhile waits here until that thread is done, then is woven like any other. So no funnel class loads unwoven,
 * however early the application opens a socket, and {@code main} does not wait for the agent's start unless it
 * opens a socket first.
 *
 * <p>The wait is bounded ({@link #waitMillis}): past it the class loads unwoven, one line says so, and the agent's
 * health counts it (its error counter); the agent's thread retransforms it when it is done, so only the sockets
 * opened until then go unrecorded. Never a hang: a class loading thread that waits here holds that class's loading
 * (any other thread that loads it waits for it) and the initialization of any class whose initializer it is in. The
 * agent's thread never loads a funnel class (it reads their class files without loading them), and whatever else
 * it loads is the JDK's and the agent's own: a thread of the application that waits here holds nothing it needs.
 * A funnel class the agent's thread itself loads is not held (it would wait for itself).
 *
 * <p>JDK types only (and the funnel classes' names): {@code premain} loads this class.
 */
final class WeaveGate implements ClassFileTransformer, TransformerSlot {

    private final long waitMillis;
    private volatile Thread preparer;
    private volatile ClassFileTransformer delegate;
    /** Set once the agent's thread has built the transformer, or given up: no class waits any more. */
    private volatile boolean open;
    private volatile long timedOut;

    WeaveGate(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** The thread that builds the transformer: its own loads never wait. */
    void preparedBy(Thread thread) {
        preparer = thread;
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

    /** How many funnel classes loaded unwoven because the wait for the agent's thread ran out. */
    long timedOut() {
        return timedOut;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        ClassFileTransformer now = delegate;
        if (now == null && !open && internalName != null && FunnelClassNames.isFunnel(loader == null, internalName)
                && Thread.currentThread() != preparer) {
            now = awaitDelegate(internalName);
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
                        System.err.println("portwatch: " + internalName.replace('/', '.') + " loaded before the "
                                + "agent was ready (waited " + waitMillis + " ms): its sockets are recorded once the "
                                + "agent has started, not before");
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
