package dev.portwatch.http;

/**
 * A string as {@link Json} writes it (quoted and escaped UTF-8), made once for what a document repeats on every row
 * (its names, the labels of states and roles, an address shared by thousands of rows): copying ten bytes costs a
 * fraction of examining eight characters one by one again.
 */
final class JsonText {

    /** The most bytes one character takes, {@code \\uXXXX}, as Json counts them. */
    private static final int MAX_BYTES_PER_CHAR = 6;

    /** The longest name {@link #name} takes: a name is written in one piece. */
    static final int MAX_NAME_BYTES = 256;

    final byte[] bytes;
    /** For a name, {@code ,"name":}: what the writer copies for it; null for a value. */
    private final byte[] asName;

    private JsonText(byte[] bytes, byte[] asName) {
        this.bytes = bytes;
        this.asName = asName;
    }

    /** A name of a document's objects, a constant: at most {@value #MAX_NAME_BYTES} bytes once escaped. */
    static JsonText name(String name) {
        byte[] text = of(name).bytes;
        if (name == null || text.length + 2 > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("not a short name: " + name);
        }
        byte[] asName = new byte[text.length + 2];
        asName[0] = ',';
        System.arraycopy(text, 0, asName, 1, text.length);
        asName[asName.length - 1] = ':';
        return new JsonText(text, asName);
    }

    /** {@code ,"name":} for a text made by {@link #name}; null for one made by {@link #of}. */
    byte[] asName() {
        return asName;
    }

    /** The string's JSON text; {@code null} for null. Made in an array no larger than its longest escaped form. */
    static JsonText of(String value) {
        int longest = value == null ? 0 : value.length();
        int chunkSize = longest < Body.CHUNK / MAX_BYTES_PER_CHAR - 2 ? (longest + 2) * MAX_BYTES_PER_CHAR : Body.CHUNK;
        return new JsonText(new Json(new Body(), chunkSize).value(value).written(), null);
    }
}
