package dev.portwatch.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local JVMs as {@code jps} finds them: by their performance data files, {@code /tmp/hsperfdata_<user>/<pid>},
 * which each HotSpot JVM maps and keeps up to date. Reading a file never touches its JVM (attaching would start a
 * thread in it). The format is jvmstat's version 2: a prologue (magic {@code 0xcafec0c0}, byte order, version,
 * the offset and number of entries), then entries of a name and a value; strings are NUL-terminated bytes.
 */
final class PerfDataFiles {

    /** A JVM found by its file, and the strings it published that the CLI shows. */
    record LocalJvm(long pid, Map<String, String> strings) {}

    private static final int MAGIC = 0xcafec0c0;
    private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private PerfDataFiles() {}

    /** Every live JVM whose file this user can read, with the strings named {@code wanted} that it holds. */
    static List<LocalJvm> list(Path tmp, Set<String> wanted) {
        List<LocalJvm> jvms = new ArrayList<>();
        try (DirectoryStream<Path> users = Files.newDirectoryStream(tmp, "hsperfdata_*")) {
            for (Path user : users) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(user)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (name.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(name)).isPresent()) {
                            read(file, wanted).ifPresent(strings -> jvms.add(new LocalJvm(Long.parseLong(name),
                                    strings)));
                        }
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // another user's directory: not listed, as jps does not list it
                }
            }
        } catch (IOException | RuntimeException noTmp) {
            // nothing to list
        }
        jvms.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return jvms;
    }

    /** The wanted strings of one file; empty when it is no readable performance data file. */
    static Optional<Map<String, String>> read(Path file, Set<String> wanted) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            return Optional.ofNullable(parse(ByteBuffer.wrap(Files.readAllBytes(file)), wanted));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Null when the bytes are not a version 2 performance data buffer; a malformed entry ends the walk. */
    static Map<String, String> parse(ByteBuffer buffer, Set<String> wanted) {
        if (buffer.limit() < 32 || buffer.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC || buffer.get(5) != 2) {
            return null;
        }
        buffer.order(buffer.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = buffer.getInt(24);
        int count = buffer.getInt(28);
        Map<String, String> strings = new HashMap<>();
        for (int i = 0; i < count && entry > 0 && entry + 20 <= buffer.limit(); i++) {
            int length = buffer.getInt(entry);
            int nameOffset = buffer.getInt(entry + 4);
            int vectorLength = buffer.getInt(entry + 8);
            int dataOffset = buffer.getInt(entry + 16);
            if (length <= 0 || entry + length > buffer.limit() || nameOffset < 20 || dataOffset < nameOffset
                    || dataOffset > length) {
                break;
            }
            String name = cString(buffer, entry + nameOffset, entry + dataOffset);
            boolean string = buffer.get(entry + 12) == 'B' && buffer.get(entry + 14) == 5 && vectorLength > 0;
            if (string && wanted.contains(name)) {
                strings.put(name, cString(buffer, entry + dataOffset, Math.min(entry + length,
                        entry + dataOffset + vectorLength)));
            }
            entry += length;
        }
        return strings;
    }

    /** The NUL-terminated UTF-8 string at {@code start}, read no further than {@code end}. */
    private static String cString(ByteBuffer buffer, int start, int end) {
        int stop = start;
        while (stop < end && buffer.get(stop) != 0) {
            stop++;
        }
        byte[] bytes = new byte[stop - start];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
