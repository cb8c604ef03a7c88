package dev.portwatch.access;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads entries of the agent's own jar while the JVM starts. Through {@code getResourceAsStream} the class path's
 * loader would first look for each name in every module of the runtime image (opening the jimage reader) and then
 * open the jar again through a {@code jar:} URL: some forty classes and several milliseconds before main. Read
 * through the jar file itself, an entry costs neither.
 */
public final class AgentJar {

    private AgentJar() {}

    /**
     * The entries named (paths inside the jar: {@code dev/portwatch/bridge/Bridge.class}) of the jar {@code anchor}
     * was loaded from, each up to {@code maxBytes}; from {@code anchor}'s class loader where it came from elsewhere
     * (a directory: the agent's own tests). Null for an entry that is missing.
     */
    public static byte[][] read(Class<?> anchor, String[] entryNames, int maxBytes) throws IOException {
        byte[][] found = new byte[entryNames.length][];
        File jar = jarOf(anchor);
        if (jar == null) {
            for (int i = 0; i < entryNames.length; i++) {
                try (InputStream in = anchor.getResourceAsStream("/" + entryNames[i])) {
                    found[i] = in == null ? null : in.readNBytes(maxBytes);
                }
            }
            return found;
        }
        try (ZipFile zip = new ZipFile(jar)) {
            for (int i = 0; i < entryNames.length; i++) {
                ZipEntry entry = zip.getEntry(entryNames[i]);
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        found[i] = in.readNBytes(maxBytes);
                    }
                }
            }
        }
        return found;
    }

    /** The jar file {@code type} was loaded from, or null when it came from elsewhere. */
    private static File jarOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return null;
            }
            File file = new File(location.toURI());
            return file.isFile() ? file : null;
        } catch (URISyntaxException | RuntimeException unusual) {
            return null;
        }
    }
}
