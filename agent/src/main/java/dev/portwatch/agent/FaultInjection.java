package dev.portwatch.agent;

import dev.portwatch.bridge.SocketEventListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * TEST-ONLY fault switches, used by the integration tests to prove that the agent's own failures never reach the
 * application. They are not options: they are deliberately named outside the {@code portwatch.*} namespace (which
 * the configuration parser owns and checks for typos), are read once at start by {@link Installer}, and are not
 * documented for users.
 * <ul>
 *   <li>{@code -Dportwatch-test.failEvents=true}: every socket event, after reaching the capture, throws a
 *       RuntimeException out of the listener (the bridge must swallow and count it);</li>
 *   <li>{@code -Dportwatch-test.missingFunnelMethod=true}: the instrumentation expects one method that no JDK has
 *       (as if a JDK had moved it), so the coverage check must report it;</li>
 *   <li>{@code -Dportwatch-test.settleMillis=N}: the agent's start-up thread waits N ms instead of
 *       {@link #SETTLE_MS} before it checks the instrumentation and starts the endpoint, so that a test can show
 *       what happens in that window (a long wait) or not wait for it (0);</li>
 *   <li>{@code -Dportwatch-test.readyWaitMillis=N}, {@code -Dportwatch-test.prepareDelayMillis=N} and
 *       {@code -Dportwatch-test.buildDelayMillis=N} (read by {@link PortwatchAgent}): how long a socket class loading
 *       while another thread builds the transformer waits for it at most ({@link WeaveGate}), how long the agent's
 *       thread waits before it starts (so that the application's thread builds), and how long the build waits
 *       first: so that a test can make the wait run out, or make it long enough that only a deadlock could end
 *       it.</li>
 * </ul>
 */
final class FaultInjection {

    static final String FAIL_EVENTS = "portwatch-test.failEvents";
    static final String MISSING_FUNNEL_METHOD = "portwatch-test.missingFunnelMethod";
    static final String SETTLE_MILLIS = "portwatch-test.settleMillis";
    /** How long the agent's start-up thread leaves the cores to the application's start-up (see Installer). */
    static final long SETTLE_MS = 500;

    private FaultInjection() {}

    static boolean failEvents() {
        return Boolean.getBoolean(FAIL_EVENTS);
    }

    static boolean missingFunnelMethod() {
        return Boolean.getBoolean(MISSING_FUNNEL_METHOD);
    }

    /** The settle wait before the agent's start-up thread starts its work, {@link #SETTLE_MS} unless a test says. */
    static long settleMillis() {
        Long chosen = Long.getLong(SETTLE_MILLIS);
        return chosen == null || chosen < 0 ? SETTLE_MS : chosen;
    }

    /**
     * Hands each event to {@code delegate}, then throws, as a listener with a bug would. A proxy: whatever events
     * the listener interface has, each one fails (only under this test switch, so its cost does not matter).
     */
    static SocketEventListener failing(SocketEventListener delegate) {
        return (SocketEventListener) Proxy.newProxyInstance(FaultInjection.class.getClassLoader(),
                new Class<?>[] {SocketEventListener.class}, (proxy, method, arguments) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(delegate, arguments);
                    }
                    try {
                        method.invoke(delegate, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                    throw new IllegalStateException("portwatch-test.failEvents: injected failure on "
                            + method.getName());
                });
    }
}
