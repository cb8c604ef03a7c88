package dev.portwatch.http;

/**
 * A string as {@link Json} writes it (quoted and escaped UTF-8), made once for what a document repeats on every row
 * (its names, the labels of states and roles, an address shared by thousands of rows): copying ten bytes costs a
 * fraction of examining eight characters one by one again.
 */
final class JsonText {

    /** The most bytes one character takes, {@code \\uXXXX}, as Json counts them. */
    private static final int MAX_BYTES_PER_CHAR = 6;

    final byte[] bytes;

    private JsonText(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The string's JSON text; {@code null} for null. Made in an array no larger than its longest escaped form. */
    static JsonText of(String value) {
        int longest = value == null ? 0 : value.length();
        int chunkSize = longest < Body.CHUNK / MAX_BYTES_PER_CHAR - 2 ? (longest + 2) * MAX_BYTES_PER_CHAR : Body.CHUNK;
        return new JsonText(new Json(new Body(), chunkSize).value(value).written());
    }
}
