package dev.portwatch.http;

/**
 * How one output language writes a character of hostile text into characters: HTML's character references
 * ({@link Html}). JSON is written as bytes, straight into the response ({@link Json}), with the same escapes as
 * {@link dev.portwatch.log.Printable} and its own walk over the text.
 */
@FunctionalInterface
interface CharEscape {

    /** Appends {@code c} to {@code out}, escaped as the language needs. */
    void append(StringBuilder out, char c);

    /** Appends every character of {@code text} to {@code out}, each through {@code escape}. */
    static void appendAll(StringBuilder out, String text, CharEscape escape) {
        for (int i = 0; i < text.length(); i++) {
            escape.append(out, text.charAt(i));
        }
    }
}
