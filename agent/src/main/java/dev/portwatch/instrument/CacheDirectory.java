package dev.portwatch.instrument;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Decides whether a directory and its files may hold class files that the agent injects into {@code java.base}:
 * only if the JVM's user owns them and neither the group nor others can write them. Anyone else who could write
 * there could make the agent weave their code into every socket call.
 */
final class CacheDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final UserPrincipal user;

    CacheDirectory(UserPrincipal user) {
        this.user = user;
    }

    /** The checker for the JVM's user. */
    static CacheDirectory ofThisUser() throws IOException {
        return new CacheDirectory(FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name")));
    }

    /** Creates {@code dir} (and its missing parents) readable and writable by its owner only, unless it exists. */
    static void create(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
    }

    /** Why {@code path} may not be used ("is writable by its group or others"); null if it may. */
    String refusal(Path path, boolean directory) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException noPosix) {
            return "is on a file system without owners and permissions to check";
        } catch (IOException unreadable) {
            return "has an owner and permissions that cannot be read (" + unreadable.getMessage() + ")";
        }
        if (attributes.isSymbolicLink()) {
            return "is a symbolic link";
        }
        if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
            return directory ? "is not a directory" : "is not a regular file";
        }
        if (!attributes.owner().equals(user)) {
            return "is owned by " + attributes.owner().getName() + ", not by " + user.getName();
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "is writable by its group or others (chmod go-w, or 700 for a directory)";
        }
        return null;
    }
}
