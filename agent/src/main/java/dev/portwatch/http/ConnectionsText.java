package dev.portwatch.http;

import dev.portwatch.log.Printable;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.table.SocketError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /connections}: the table as plain text, laid out like {@code netstat -ano} (Proto, Local Address,
 * Foreign Address, State, PID) followed by the columns only the process itself knows.
 */
final class ConnectionsText {

    private static final String[] HEADER = {
        "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "Remote Host", "State", "PID", "Role",
        "Port Class", "Service", "Bytes In", "Bytes Out", "API", "Thread", "Opened By",
    };
    private static final String[] ERROR_HEADER = {
        "Operation", "Proto", "Address", "Host", "Error", "Duration", "Time", "Opened By",
    };

    private ConnectionsText() {}

    static String render(TableReport report) {
        StringBuilder out = new StringBuilder();
        TableReport.Counts counts = report.counts();
        out.append("portwatch: pid ").append(report.pid()).append(", ")
                .append(Instant.ofEpochMilli(report.timeMillis())).append(", ")
                .append(report.rows().size() - counts.closed()).append(" open, ")
                .append(counts.closed()).append(" recently closed");
        if (counts.dead() > 0) {
            out.append(", ").append(counts.dead()).append(" dead");
        }
        out.append("; ephemeral ports ")
                .append(report.ports().ephemeralRange().first()).append('-')
                .append(report.ports().ephemeralRange().last()).append('\n');
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (ReportRow row : report.rows()) {
            lines.add(printable(columns(report, row)));
        }
        table(out, lines);
        if (!report.errors().isEmpty()) {
            out.append("\nRecent errors:\n");
            List<String[]> errorLines = new ArrayList<>();
            errorLines.add(ERROR_HEADER);
            for (SocketError error : report.errors()) {
                errorLines.add(printable(ErrorCells.of(error)));
            }
            table(out, errorLines);
        }
        return out.toString();
    }

    private static String[] columns(TableReport report, ReportRow row) {
        KernelSocket kernel = row.kernel();
        String state = row.stateCell() + (row.leaked() ? " (leaked)" : "");
        if (kernel != null && !kernelStateMatches(row, kernel)) {
            state = state + " (kernel: " + kernel.state() + ")";
        }
        return new String[] {
            row.protoCell(),
            kernel == null ? "-" : Long.toString(kernel.receiveQueue()),
            kernel == null ? "-" : Long.toString(kernel.sendQueue()),
            row.localCell(),
            row.foreignCell(),
            row.remoteHostCell(),
            state,
            Long.toString(report.pid()),
            row.role().label(),
            row.portClassCell(),
            row.serviceCell(),
            row.bytesInCell(),
            row.bytesOutCell(),
            row.apiCell(),
            row.threadCell(),
            row.openedByCell(),
        };
    }

    /** Whether the kernel's state says nothing more than the row's (UDP's UNCONN is our BOUND). */
    private static boolean kernelStateMatches(ReportRow row, KernelSocket kernel) {
        String expected = switch (row.state()) {
            case BOUND -> row.transport().label().equals("udp") ? "UNCONN" : "CLOSE";
            case CONNECTED -> "ESTABLISHED";
            default -> row.state().name();
        };
        return expected.equals(kernel.state());
    }

    private static void table(StringBuilder out, List<String[]> lines) {
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                out.append(line[i]);
                if (i < line.length - 1) {
                    out.append(" ".repeat(widths[i] - line[i].length() + 2));
                }
            }
            out.append('\n');
        }
    }

    /**
     * An opener, an exception message or a service name may hold newlines, terminal escapes or bidi controls; each
     * row of the table is one line, and the table is printed on terminals.
     */
    private static String[] printable(String[] columns) {
        for (int i = 0; i < columns.length; i++) {
            columns[i] = Printable.escape(columns[i]);
        }
        return columns;
    }
}
