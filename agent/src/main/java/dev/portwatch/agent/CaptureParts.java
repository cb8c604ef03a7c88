package dev.portwatch.agent;

import dev.portwatch.bridge.SocketEventListener;
import dev.portwatch.capture.CaptureOnFirstUse;
import dev.portwatch.capture.SocketEventCapture;
import dev.portwatch.config.AgentConfig;
import dev.portwatch.table.Clock;
import dev.portwatch.table.ConnectionTable;

/**
 * How the capture's parts are built when first needed ({@link CaptureOnFirstUse}): the table as configured, and the
 * listener over the capture (the capture itself, or the test switch's failing wrapper, see {@link FaultInjection}).
 * Also the table's clock: this class rather than a method reference, which the JDK would spin a class for.
 */
final class CaptureParts implements CaptureOnFirstUse.Parts, Clock {

    private final AgentConfig config;
    private final int recentErrors;

    CaptureParts(AgentConfig config, int recentErrors) {
        this.config = config;
        this.recentErrors = recentErrors;
    }

    @Override
    public ConnectionTable table() {
        return new ConnectionTable(config.maxRows(), config.closedRetention().toMillis(), recentErrors, this);
    }

    @Override
    public SocketEventListener listener(SocketEventCapture capture) {
        return FaultInjection.failEvents() ? FaultInjection.failing(capture) : capture;
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
