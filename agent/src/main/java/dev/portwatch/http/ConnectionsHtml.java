package dev.portwatch.http;

import static dev.portwatch.http.Html.escape;

import dev.portwatch.table.SocketError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /}: the table as an HTML page. It is rendered here, every value escaped, so it reads without
 * JavaScript; its inline script ({@code connections-page.js}) then rebuilds the rows from {@code /connections.json}
 * every 2 s, as text nodes only, and sorts them when a column header is clicked. Nothing is loaded from anywhere
 * else: the style and script are inline, and {@link #CONTENT_SECURITY_POLICY} allows exactly those two (by hash)
 * and requests to this endpoint.
 */
final class ConnectionsHtml {

    /** A column of the table: the key the script knows it by, its header, and the class of its cells. */
    private record Column(String key, String label, String cellClass) {}

    /**
     * What a reader looks for first comes first: who opened a socket is in view on a 1000 px screen, the kernel's
     * detail and the API after it. A port's IANA class is the title of its address cell.
     */
    private static final List<Column> COLUMNS = List.of(
            new Column("proto", "Proto", ""),
            new Column("local", "Local Address", "addr"),
            new Column("foreign", "Foreign Address", "addr"),
            new Column("host", "Remote Host", "addr"),
            new Column("state", "State", "wrap"),
            new Column("role", "Role", ""),
            new Column("service", "Service", ""),
            new Column("openedBy", "Opened By", "code"),
            new Column("thread", "Thread", "wrap"),
            new Column("connect", "Connect", "num"),
            new Column("bytesIn", "Bytes In", "num"),
            new Column("bytesOut", "Bytes Out", "num"),
            new Column("kernel", "Kernel", "wrap"),
            new Column("api", "API", "wrap"),
            new Column("openedAt", "Opened At", "time"));

    private static final List<Column> ERROR_COLUMNS = List.of(
            new Column("operation", "Operation", ""),
            new Column("proto", "Proto", ""),
            new Column("address", "Address", "addr"),
            new Column("host", "Host", "addr"),
            new Column("error", "Error", "wrap"),
            new Column("duration", "Duration", "num"),
            new Column("time", "Time", "time"),
            new Column("openedBy", "Opened By", "code"));

    private static final String STYLE = resource("connections-page.css");
    private static final String SCRIPT = resource("connections-page.js");

    /** Sent with the page: its own inline style and script, requests to this endpoint, nothing else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT)
            + "'; style-src '" + sha256(STYLE) + "'; connect-src 'self'; img-src data:; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private ConnectionsHtml() {}

    static String render(TableReport report) {
        StringBuilder out = new StringBuilder(8192 + report.rows().size() * 700);
        top(out, "portwatch \u00b7 pid " + report.pid(), report.filter(), report, null);
        for (ReportRow row : report.rows()) {
            row(out, row);
        }
        if (report.rows().isEmpty()) {
            placeholder(out, COLUMNS.size(), "no connections match");
        }
        middle(out);
        for (SocketError error : report.errors()) {
            error(out, error);
        }
        if (report.errors().isEmpty()) {
            placeholder(out, ERROR_COLUMNS.size(), "no failed connects or binds");
        }
        bottom(out);
        return out.toString();
    }

    /** The page for a request with a bad filter: the form, the endpoint's one-line reason, no rows. */
    static String renderBadRequest(String reason) {
        StringBuilder out = new StringBuilder(8192);
        top(out, "portwatch", ConnectionFilter.ALL, null, reason);
        middle(out);
        bottom(out);
        return out.toString();
    }

    private static void top(StringBuilder out, String title, ConnectionFilter filter, TableReport report,
                            String error) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n<title>").append(escape(title))
                .append("</title>\n<style>")
                .append(STYLE).append("</style>\n</head>\n<body>\n<header>\n<h1>portwatch</h1>\n");
        if (report == null) {
            PageSummary.empty(out);
        } else {
            PageSummary.render(out, report);
        }
        PageForm.render(out, filter);
        out.append("<p id=\"status\" class=\"").append(error == null ? "status" : "status error")
                .append("\" role=\"status\">").append(escape(error)).append("</p>\n")
                .append("<noscript><p class=\"status\">JavaScript is off: this is a snapshot, reload to refresh it.")
                .append("</p></noscript>\n</header>\n<main>\n<table id=\"connections\">\n<thead><tr>");
        headers(out, COLUMNS, true);
        out.append("</tr></thead>\n<tbody id=\"rows\">\n");
    }

    private static void middle(StringBuilder out) {
        out.append("</tbody>\n</table>\n<p class=\"legend\"><span class=\"key leaked\"></span>leaked: collected ")
                .append("without close() <span class=\"key agent\"></span>portwatch's own endpoint ")
                .append("<span class=\"key closed\"></span>closed, kept for a while; <i>dead</i>: still held by ")
                .append("the application, gone from the kernel (reset by the peer)</p>\n<h2 id=\"")
                .append(PageSummary.ERRORS_ANCHOR).append("\">Recent errors</h2>\n<table id=\"errors\">\n<thead><tr>");
        headers(out, ERROR_COLUMNS, false);
        out.append("</tr></thead>\n<tbody id=\"error-rows\">\n");
    }

    private static void bottom(StringBuilder out) {
        out.append("</tbody>\n</table>\n</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    }

    private static void headers(StringBuilder out, List<Column> columns, boolean sortable) {
        for (Column column : columns) {
            out.append("<th");
            if (sortable) {
                out.append(" data-key=\"").append(column.key()).append('"');
            }
            cellClass(out, column);
            out.append('>').append(column.label()).append("</th>");
        }
    }

    private static void row(StringBuilder out, ReportRow row) {
        List<String> classes = new ArrayList<>();
        if (!row.isOpen()) {
            classes.add("closed");
        }
        if (row.dead() != null) {
            classes.add("dead");
        }
        if (row.leaked()) {
            classes.add("leaked");
        }
        if (row.agent()) {
            classes.add("agent");
        }
        out.append(classes.isEmpty() ? "<tr>" : "<tr class=\"" + String.join(" ", classes) + "\">");
        String[] values = {
            row.protoCell(), row.localCell(), row.foreignCell(), row.remoteHostCell(),
            row.stateCell(), row.role().label(),
            row.serviceCell(), row.openedByCell(), row.threadCell(), row.connectCell(), row.bytesInCell(),
            row.bytesOutCell(), row.kernelCell(), row.apiCell(), row.openedAtCell(),
        };
        String[] titles = new String[values.length];
        titles[1] = row.portTitle(row.local());
        titles[2] = row.portTitle(row.remote());
        for (int i = 0; i < values.length; i++) {
            boolean leakedState = row.leaked() && COLUMNS.get(i).key().equals("state");
            String badge = leakedState ? " <span class=\"badge\">leaked</span>" : "";
            cell(out, COLUMNS.get(i), values[i], titles[i], badge);
        }
        out.append("</tr>\n");
    }

    private static void error(StringBuilder out, SocketError error) {
        String[] values = ErrorCells.of(error);
        out.append("<tr>");
        for (int i = 0; i < values.length; i++) {
            cell(out, ERROR_COLUMNS.get(i), values[i], null, "");
        }
        out.append("</tr>\n");
    }

    /**
     * A cell: {@code text} escaped, with {@code title} (escaped, or none when null), then {@code markup}, which is
     * the page's own and never holds a value. A time cell shows the time of day (to the second) and has the whole
     * instant as its title. A code cell ({@code pkg.Class.method(File.java:12)}) may wrap after the dots of the
     * method's name and before its parenthesis: the {@code <wbr>} go in after escaping, at characters escaping never
     * produces.
     */
    private static void cell(StringBuilder out, Column column, String text, String title, String markup) {
        out.append("<td");
        cellClass(out, column);
        if (title != null) {
            out.append(" title=\"").append(escape(title)).append('"');
        }
        String escaped;
        if (column.cellClass().equals("time")) {
            out.append(" title=\"").append(escape(text)).append('"');
            escaped = escape(timeOfDay(text));
        } else if (column.cellClass().equals("code")) {
            int paren = text.indexOf('(');
            String method = paren < 0 ? text : text.substring(0, paren);
            escaped = escape(method).replace(".", ".<wbr>")
                    + (paren < 0 ? "" : "<wbr>" + escape(text.substring(paren)));
        } else {
            escaped = escape(text);
        }
        out.append('>').append(escaped).append(markup).append("</td>");
    }

    /** {@code 08:39:42} of {@code 2026-11-25T08:39:42.438Z}. */
    private static String timeOfDay(String instant) {
        int t = instant.indexOf('T');
        return instant.substring(t + 1, Math.min(t + 9, instant.length()));
    }

    private static void placeholder(StringBuilder out, int columns, String text) {
        out.append("<tr class=\"none\"><td colspan=\"").append(columns).append("\">").append(escape(text))
                .append("</td></tr>\n");
    }

    private static void cellClass(StringBuilder out, Column column) {
        if (!column.cellClass().isEmpty()) {
            out.append(" class=\"").append(column.cellClass()).append('"');
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConnectionsHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + ConnectionsHtml.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** A CSP source for inline content: {@code sha256-} and the base64 of the SHA-256 of its UTF-8 bytes. */
    static String sha256(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible); // every JDK has SHA-256
        }
    }
}
