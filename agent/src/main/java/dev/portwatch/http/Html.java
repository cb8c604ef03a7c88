package dev.portwatch.http;

import dev.portwatch.log.Printable;

/**
 * Escaping for HTML text and quoted attribute values. Control and bidi characters (see {@link Printable}) are shown
 * as {@code \\uXXXX} too: markup-safe is not enough when a thread name's U+202E would make the page show its cell
 * in another order than it is.
 */
final class Html {

    private Html() {}

    /**
     * {@code value} with {@code & < > " '} replaced by character references and unsafe characters by {@code \\uXXXX};
     * null is the empty string.
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        CharEscape.appendAll(out, value, Html::appendEscaped);
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> {
                if (Printable.isUnsafe(c)) {
                    Printable.appendEscape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
    }
}
