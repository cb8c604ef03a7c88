package dev.portwatch.http;

import dev.portwatch.table.SocketError;
import java.time.Instant;

/** The cells of one recent error (a failed connect or bind), as the text table and the page both show them. */
final class ErrorCells {

    private ErrorCells() {}

    /** Operation, protocol, address, host asked for, error, duration, instant, opener: {@code -} where unknown. */
    static String[] of(SocketError error) {
        return new String[] {
            error.operation().label(),
            error.transport().label(),
            error.endpoint() == null ? "-" : error.endpoint().display(),
            ReportRow.orDash(error.host()),
            error.errorType() + (error.message() == null ? "" : ": " + error.message()),
            error.durationNanos() < 0 ? "-" : ReportRow.millis(error.durationNanos()),
            Instant.ofEpochMilli(error.atMillis()).toString(),
            ReportRow.orDash(error.opener().describe(error.thread())),
        };
    }
}
