package dev.portwatch.http;

import static dev.portwatch.http.Html.escape;

import java.time.Instant;

/**
 * The two lines at the top of the page: first what matters (open connections, listeners, recent errors, leaked
 * and dead rows), counted from the rows shown, with the errors a link to their section; then the context (pid,
 * time, recently closed rows, the ephemeral range, what the agent counted since it started). The page's script
 * writes the same lines from {@code /connections.json}'s {@code counts}.
 */
final class PageSummary {

    /** The id of the recent errors' heading, which the summary links to. */
    static final String ERRORS_ANCHOR = "recent-errors";
    private static final String DOT = " \u00b7 ";

    private PageSummary() {}

    static void render(StringBuilder out, TableReport report) {
        TableReport.Counts counts = report.counts();
        out.append("<p id=\"summary\"><strong>").append(counts.connections()).append(" open connections</strong>")
                .append(DOT).append(counts.listeners()).append(" listeners").append(DOT)
                .append("<a href=\"#").append(ERRORS_ANCHOR).append("\">").append(counts.errors())
                .append(" recent errors</a>").append(DOT).append(counts.leaked()).append(" leaked").append(DOT)
                .append(counts.dead()).append(" dead</p>\n<p id=\"context\">")
                .append(escape("pid " + report.pid() + DOT + Instant.ofEpochMilli(report.timeMillis()) + DOT
                        + counts.closed() + " recently closed" + DOT + "ephemeral ports "
                        + report.ports().ephemeralRange().first() + "\u2013" + report.ports().ephemeralRange().last()
                        + DOT + "since start: " + report.leaks() + " leaked, " + report.untracked() + " untracked"))
                .append("</p>\n");
    }

    /** For a page without rows (a bad filter): the lines, empty, for the script to fill. */
    static void empty(StringBuilder out) {
        out.append("<p id=\"summary\"></p>\n<p id=\"context\"></p>\n");
    }
}
