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
 *       (as if a JDK had moved it), so the coverage check must report it.</li>
 * </ul>
 */
final class FaultInjection {

    static final String FAIL_EVENTS = "portwatch-test.failEvents";
    static final String MISSING_FUNNEL_METHOD = "portwatch-test.missingFunnelMethod";

    private FaultInjection() {}

    static boolean failEvents() {
        return Boolean.getBoolean(FAIL_EVENTS);
    }

    static boolean missingFunnelMethod() {
        return Boolean.getBoolean(MISSING_FUNNEL_METHOD);
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
