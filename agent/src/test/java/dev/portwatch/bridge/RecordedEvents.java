package dev.portwatch.bridge;

import java.util.ArrayList;
import java.util.List;

/** A listener that writes each event it gets as one short line, for tests of what reaches the bridge. */
public final class RecordedEvents implements SocketEventListener {

    private final List<String> lines = new ArrayList<>();

    public List<String> lines() {
        return lines;
    }

    /** The transfers alone, as {@code in 100} or {@code out 100}. */
    public List<String> transfers() {
        return lines.stream().filter(line -> line.startsWith("transfer "))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1) + " " + line.split(" ")[2]).toList();
    }

    @Override
    public void onBind(int funnel, Object socket, Object requested, int requestedPort, Throwable thrown) {
        lines.add("bind " + funnel);
    }

    @Override
    public void onListen(int funnel, Object socket, Object requested, Throwable thrown) {
        lines.add("listen " + funnel);
    }

    @Override
    public void onConnectStart(int funnel, Object socket, Object remote, long startNanos) {
        lines.add("connectStart " + funnel);
    }

    @Override
    public void onConnect(int funnel, Object socket, Object remote, boolean established, Throwable thrown,
                          long startNanos) {
        lines.add("connect " + funnel + (established ? " established" : " pending"));
    }

    @Override
    public void onFinishConnect(int funnel, Object socket, boolean established, Throwable thrown, long startNanos) {
        lines.add("finishConnect " + funnel + (established ? " established" : " undecided"));
    }

    @Override
    public void onAccept(int funnel, Object listener, Object accepted, Throwable thrown) {
        lines.add("accept " + funnel);
    }

    @Override
    public void onWrap(int funnel, Object socket, int descriptor) {
        lines.add("wrap " + funnel);
    }

    @Override
    public void onDisconnect(int funnel, Object socket) {
        lines.add("disconnect " + funnel);
    }

    @Override
    public void onClose(int funnel, Object socket) {
        lines.add("close " + funnel);
    }

    @Override
    public void onRingClosed(int funnel) {
        lines.add("ringClosed " + funnel);
    }

    @Override
    public void onTransfer(int funnel, Object socket, long bytes, boolean inbound) {
        lines.add("transfer " + funnel + " " + bytes + (inbound ? " in" : " out"));
    }
}
