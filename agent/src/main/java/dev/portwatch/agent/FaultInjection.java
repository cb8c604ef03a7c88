package dev.portwatch.agent;

import dev.portwatch.bridge.SocketEventListener;

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

    /** Hands each event to {@code delegate}, then throws, as a listener with a bug would. */
    static SocketEventListener failing(SocketEventListener delegate) {
        return new SocketEventListener() {
            @Override
            public void onBind(int funnel, Object socket, Object requested, int requestedPort, Throwable thrown) {
                delegate.onBind(funnel, socket, requested, requestedPort, thrown);
                throw fault("bind");
            }

            @Override
            public void onListen(int funnel, Object socket, Object requested, Throwable thrown) {
                delegate.onListen(funnel, socket, requested, thrown);
                throw fault("listen");
            }

            @Override
            public void onConnectStart(int funnel, Object socket, Object remote, long startNanos) {
                delegate.onConnectStart(funnel, socket, remote, startNanos);
                throw fault("connectStart");
            }

            @Override
            public void onConnect(int funnel, Object socket, Object remote, boolean established, Throwable thrown,
                                  long startNanos) {
                delegate.onConnect(funnel, socket, remote, established, thrown, startNanos);
                throw fault("connect");
            }

            @Override
            public void onFinishConnect(int funnel, Object socket, boolean established, Throwable thrown,
                                        long startNanos) {
                delegate.onFinishConnect(funnel, socket, established, thrown, startNanos);
                throw fault("finishConnect");
            }

            @Override
            public void onAccept(int funnel, Object listener, Object accepted, Throwable thrown) {
                delegate.onAccept(funnel, listener, accepted, thrown);
                throw fault("accept");
            }

            @Override
            public void onDisconnect(int funnel, Object socket) {
                delegate.onDisconnect(funnel, socket);
                throw fault("disconnect");
            }

            @Override
            public void onClose(int funnel, Object socket) {
                delegate.onClose(funnel, socket);
                throw fault("close");
            }

            @Override
            public void onTransfer(int funnel, Object socket, long bytes, boolean inbound) {
                delegate.onTransfer(funnel, socket, bytes, inbound);
                throw fault("transfer");
            }
        };
    }

    private static RuntimeException fault(String event) {
        return new IllegalStateException("portwatch-test.failEvents: injected failure on " + event);
    }
}
