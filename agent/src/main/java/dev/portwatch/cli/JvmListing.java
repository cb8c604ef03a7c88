package dev.portwatch.cli;

import dev.portwatch.log.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines {@code list} prints: a header and one line per JVM, in columns as wide as their widest cell, so a long
 * endpoint or status never pushes a column out of place; the main class goes last, where any length fits. Every
 * cell comes from another process's performance data: it is escaped before it is measured.
 */
final class JvmListing {

    private static final String GAP = "  ";

    /** One JVM: its pid, where portwatch runs in it (or why not, or {@code -}), and its main class. */
    record Jvm(long pid, String portwatch, String mainClass) {}

    private JvmListing() {}

    static List<String> lines(List<Jvm> jvms) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"PID", "PORTWATCH", "MAIN CLASS"});
        for (Jvm jvm : jvms) {
            cells.add(new String[] {Long.toString(jvm.pid()), Printable.escape(jvm.portwatch()),
                    Printable.escape(jvm.mainClass())});
        }
        int pidWidth = widest(cells, 0);
        int portwatchWidth = widest(cells, 1);
        List<String> lines = new ArrayList<>();
        for (String[] row : cells) {
            lines.add(padded(row[0], pidWidth) + GAP + padded(row[1], portwatchWidth) + GAP + row[2]);
        }
        return lines;
    }

    private static int widest(List<String[]> cells, int column) {
        return cells.stream().mapToInt(row -> row[column].length()).max().orElse(0);
    }

    private static String padded(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }
}
