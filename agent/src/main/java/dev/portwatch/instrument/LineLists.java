package dev.portwatch.instrument;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the weave cache's files hold a list: a count, then each item. One place for it so that the stamp and the
 * entries read a count the same bounded way: the files sit on disk where anything may have changed them, and a
 * corrupt count must end the read, never size an allocation.
 */
final class LineLists {

    /** Far above the funnel classes and the lines their coverage can report. */
    static final int MAX_ITEMS = 1000;

    private LineLists() {}

    static void write(DataOutputStream out, List<String> lines) throws IOException {
        out.writeInt(lines.size());
        for (String line : lines) {
            out.writeUTF(line);
        }
    }

    /** The lines {@link #write} wrote; an IOException if the count is out of bounds or the stream ends early. */
    static List<String> read(EntryReader in) throws IOException {
        int count = count(in);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(in.readUTF());
        }
        return List.copyOf(lines);
    }

    /** A list's count, refused (an IOException) when negative or above {@link #MAX_ITEMS}. */
    static int count(EntryReader in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ITEMS) {
            throw new IOException("bad count " + count);
        }
        return count;
    }
}
