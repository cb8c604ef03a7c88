package dev.portwatch.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The identity of the agent's build, for the woven classes' cache: whatever could change what the weave makes (the
 * advice, the weaving list, Byte Buddy's version) changes it. It digests the name, size and CRC of every entry of
 * the agent's jar, as its central directory lists them (nothing decompressed), and the whole bytes of the classes
 * that are woven in or decide the weave (the instrument and bridge packages), so that no checksum collision of an
 * advice class can pass for the build that wove the cache.
 */
final class AgentBuild {

    private static final String[] READ_WHOLE = {"dev/portwatch/instrument/", "dev/portwatch/bridge/"};

    private AgentBuild() {}

    /** The identity of the jar this class was loaded from; null when it was not loaded from a jar (tests). */
    static String identity() {
        try {
            Path jar = Path.of(AgentBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? identity(jar) : null;
        } catch (IOException | URISyntaxException | RuntimeException noJar) {
            return null;
        }
    }

    static String identity(Path jar) throws IOException {
        MessageDigest digest = sha256();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                digest.update((name + '\0' + entry.getSize() + '\0' + entry.getCrc() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
                if (readWhole(name)) {
                    try (InputStream in = file.getInputStream(entry)) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean readWhole(String name) {
        for (String prefix : READ_WHOLE) {
            if (name.startsWith(prefix) && name.endsWith(".class")) {
                return true;
            }
        }
        return false;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
