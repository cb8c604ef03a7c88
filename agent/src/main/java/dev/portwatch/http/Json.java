package dev.portwatch.http;

import dev.portwatch.log.Printable;

/**
 * A minimal JSON writer: enough for the table, with correct string escaping. Every character {@link Printable}
 * calls unsafe is written as {@code \\uXXXX}, so the document is inert when printed on a terminal.
 */
final class Json {

    private final StringBuilder out;
    private boolean needsComma;

    Json(StringBuilder out) {
        this.out = out;
    }

    Json beginObject() {
        return open('{');
    }

    Json endObject() {
        return close('}');
    }

    Json beginArray() {
        return open('[');
    }

    Json endArray() {
        return close(']');
    }

    Json name(String name) {
        separate();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    Json value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return valueWritten();
    }

    Json value(long value) {
        separate();
        out.append(value);
        return valueWritten();
    }

    Json value(double value) {
        separate();
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return valueWritten();
    }

    Json value(boolean value) {
        separate();
        out.append(value);
        return valueWritten();
    }

    Json nullValue() {
        separate();
        out.append("null");
        return valueWritten();
    }

    /** Opens an object or array: its first member needs no comma before it. */
    private Json open(char bracket) {
        separate();
        out.append(bracket);
        needsComma = false;
        return this;
    }

    /** Closes an object or array, which is then a value like any other. */
    private Json close(char bracket) {
        out.append(bracket);
        return valueWritten();
    }

    /** After a value, the next value or name of the same object or array is separated by a comma. */
    private Json valueWritten() {
        needsComma = true;
        return this;
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
            needsComma = false;
        }
    }

    private void string(String value) {
        out.append('"');
        CharEscape.appendAll(out, value, Json::appendEscaped);
        out.append('"');
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
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
