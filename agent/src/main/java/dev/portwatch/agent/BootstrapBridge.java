package dev.portwatch.agent;

import dev.portwatch.access.AgentJar;
import dev.portwatch.access.JdkAccess;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Defines the bridge classes on the bootstrap class loader, where advice inlined into {@code java.base} can see
 * them.
 *
 * <p>Why not {@code Instrumentation.appendToBootstrapClassLoaderSearch}: it makes the JVM print a class-sharing
 * warning on the host's stderr. Why not {@code sun.misc.Unsafe}: JDK 24+ warns about its use. The JDK-internal
 * {@code jdk.internal.misc.Unsafe.defineClass} does neither, and an agent may export its package to itself through
 * {@code Instrumentation.redefineModule} to a module of its own ({@link JdkAccess}).
 */
final class BootstrapBridge {

    static final String[] CLASSES = {
        "dev.portwatch.bridge.SocketEventListener",
        "dev.portwatch.bridge.TransferCountingHandler",
        "dev.portwatch.bridge.LocalAddresses",
        "dev.portwatch.bridge.Bridge", // last: its presence means the others are there too
    };

    private final Instrumentation instrumentation;

    BootstrapBridge(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    void inject() throws IOException, ClassNotFoundException {
        boolean[] present = new boolean[CLASSES.length];
        if (onBootLoader(CLASSES[CLASSES.length - 1])) {
            // A second attach into the same JVM. The first may have been an older build whose bridge lacks a class
            // that this build's weave calls outside any advice (LocalAddresses): define what is missing.
            boolean all = true;
            for (int i = 0; i < CLASSES.length; i++) {
                present[i] = onBootLoader(CLASSES[i]);
                all &= present[i];
            }
            if (all) {
                return;
            }
        }
        JdkAccess.grant(instrumentation);
        Module bridgeModule = null;
        byte[][] classFiles = classFiles();
        for (int i = 0; i < CLASSES.length; i++) {
            if (present[i]) {
                continue;
            }
            Class<?> defined = JdkAccess.defineOnBootLoader(CLASSES[i], classFiles[i]);
            bridgeModule = defined.getModule();
        }
        // java.base must read the boot loader's unnamed module for inlined advice to link to the bridge.
        instrumentation.redefineModule(Object.class.getModule(), Set.of(bridgeModule), Map.of(), Map.of(), Set.of(),
                Map.of());
    }

    private static boolean onBootLoader(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }

    /** The bridge's class files, read from the agent's jar itself ({@link AgentJar}). */
    private static byte[][] classFiles() throws IOException {
        String[] entries = new String[CLASSES.length];
        for (int i = 0; i < CLASSES.length; i++) {
            entries[i] = CLASSES[i].replace('.', '/') + ".class";
        }
        byte[][] files = AgentJar.read(BootstrapBridge.class, entries, Integer.MAX_VALUE);
        for (int i = 0; i < files.length; i++) {
            if (files[i] == null) {
                throw new IOException("missing " + entries[i] + " in the agent jar");
            }
        }
        return files;
    }
}
