package dev.portwatch.http;

/** Escaping for HTML text and quoted attribute values. */
final class Html {

    private Html() {}

    /** {@code value} with {@code & < > " '} replaced by character references; null is the empty string. */
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
            default -> out.append(c);
        }
    }
}
