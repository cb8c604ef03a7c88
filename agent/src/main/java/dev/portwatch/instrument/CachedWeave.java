package dev.portwatch.instrument;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One entry of the woven classes' cache: a class file as the JVM offered it, the same woven, and the lines the
 * coverage reports for it (the expected methods it lacks), so that a hit reports exactly what the weave would have.
 * Written and read whole; anything that does not parse to the end is no entry.
 */
record CachedWeave(String className, byte[] original, byte[] woven, List<String> lacking) {

    private static final String MAGIC = "portwatch woven class 1";
    /** No funnel class file comes near this; a longer length is a corrupt entry, not an allocation. */
    static final int MAX_CLASS_FILE = 4 << 20;

    byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(original.length + woven.length + 512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(MAGIC);
            out.writeUTF(className);
            out.writeInt(original.length);
            out.write(original);
            out.writeInt(woven.length);
            out.write(woven);
            LineLists.write(out, lacking);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The entry these bytes hold for {@code className}; null if they are corrupt, truncated or another's. */
    static CachedWeave parse(String className, byte[] file) {
        try {
            EntryReader in = new EntryReader(file);
            if (!MAGIC.equals(in.readUTF()) || !className.equals(in.readUTF())) {
                return null;
            }
            byte[] original = readArray(in);
            byte[] woven = readArray(in);
            List<String> lacking = LineLists.read(in);
            return in.remaining() == 0 ? new CachedWeave(className, original, woven, lacking) : null;
        } catch (IOException | RuntimeException corrupt) {
            return null;
        }
    }

    private static byte[] readArray(EntryReader in) throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > MAX_CLASS_FILE || length > in.remaining()) {
            throw new IOException("bad length " + length);
        }
        return in.readBytes(length);
    }
}
