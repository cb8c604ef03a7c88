package dev.portwatch.instrument;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The woven classes' cache's key directories (one per agent build and JDK, {@link WeaveCache}): the oldest go when
 * there are too many, so that the cache stays a few hundred kilobytes however many builds and JDKs ran.
 */
final class CacheKeys {

    private CacheKeys() {}

    /** Makes room for one more key directory: deletes the least recently created beyond {@code maxKeys}. */
    static void pruneOldest(Path root, int maxKeys) throws IOException {
        List<Path> keys = new ArrayList<>();
        try (DirectoryStream<Path> listed = Files.newDirectoryStream(root)) {
            for (Path candidate : listed) {
                if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    keys.add(candidate);
                }
            }
        }
        if (keys.size() < maxKeys) {
            return;
        }
        keys.sort(Comparator.comparing(CacheKeys::modified));
        for (Path old : keys.subList(0, keys.size() - maxKeys + 1)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(old)) {
                for (Path file : files) {
                    deleteQuietly(file);
                }
            }
            deleteQuietly(old);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException ignored) {
            // a leftover file is pruned with its directory
        }
    }
}
