package dev.portwatch.instrument;

import java.io.IOException;
import java.io.InputStream;

/**
 * The class file of a boot loader class as the JVM would read it, without loading the class and without Byte Buddy
 * (whose locator reads the same resource): the woven classes' cache compares these bytes with its entries before
 * Byte Buddy is wanted.
 */
final class BootClassFiles {

    private BootClassFiles() {}

    /** The class file of {@code className}, a class of the boot loader; null if there is none or it is unreadable. */
    static byte[] read(String className) {
        // Class files are resources that no module encapsulates; the platform loader asks the boot loader first.
        try (InputStream in = ClassLoader.getPlatformClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
