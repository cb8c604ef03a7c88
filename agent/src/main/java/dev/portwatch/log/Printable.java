package dev.portwatch.log;

/**
 * Makes hostile text inert before it reaches a terminal, a log or a JSON document. Thread names, exception
 * messages, host names and whatever another process says may hold control characters: C0 and C1 (ESC starts a
 * terminal escape sequence, U+009B is a one-character CSI), DEL, line and paragraph separators, and the bidi
 * controls that make a terminal show text in another order than it is (U+202A-U+202E, U+2066-U+2069, U+200E,
 * U+200F, U+061C). Every printer of the agent and the CLI writes such text through this class.
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {}

    /** Whether {@code c} must not reach a terminal or a log as it is. */
    public static boolean isUnsafe(char c) {
        return Character.isISOControl(c)
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c'
                || c == '\u2028' || c == '\u2029';
    }

    /** {@code text} with every unsafe character written as {@code \\uXXXX}; null stays null. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** Like {@link #escape}, but line feeds stay: for a page of many lines, such as a table or a JSON document. */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLineFeeds) {
        if (text == null || isSafe(text, keepLineFeeds)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c) && !(keepLineFeeds && c == '\n')) {
                appendEscape(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends {@code \\uXXXX} for {@code c}: valid in JSON, inert on a terminal. */
    public static void appendEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }

    private static boolean isSafe(String text, boolean keepLineFeeds) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c) && !(keepLineFeeds && c == '\n')) {
                return false;
            }
        }
        return true;
    }
}
