package dev.portwatch.instrument;

import dev.portwatch.funnel.Funnel;
import dev.portwatch.funnel.IoUringCopies;
import dev.portwatch.log.AgentLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Decides, once per copy of Netty's io_uring transport (a class loader and a package prefix), whether every class
 * and method portwatch weaves for it is there and weaves: the first of its classes to load triggers the check of
 * all of them, read as class files from the loader, none loaded. A copy that matches is recorded in
 * {@link IoUringCopies}, so its sockets become rows; one that does not is named in one warning line, none of its
 * classes is woven, and its sockets stay in the kernel's view, whole.
 */
final class IoUringCopyCheck {

    /** Weaves one class without keeping the result; answers the methods it lacks, or throws. */
    @FunctionalInterface
    interface DryWeave {
        List<WovenClass.Method> lacking(WovenClass woven, String name, byte[] classFile, ClassFileLocator classes);
    }

    /** The package of the io_uring transport, without any relocation prefix. */
    private static final String PACKAGE = "io.netty.channel.uring";

    private final List<WovenClass> classes = new ArrayList<>();
    private final DryWeave dryWeave;
    private final AgentLog log;
    /** Per class loader, per package prefix: whether that copy matches. */
    private final Map<ClassLoader, Map<String, Boolean>> verdicts = new WeakHashMap<>();

    IoUringCopyCheck(List<WovenClass> woven, DryWeave dryWeave, AgentLog log) {
        for (WovenClass candidate : woven) {
            if (candidate.funnel() == Funnel.NETTY_IO_URING) {
                classes.add(candidate);
            }
        }
        this.dryWeave = dryWeave;
        this.log = log;
    }

    /** Whether the copy of {@code name} (the binary name of {@code woven}'s class, maybe relocated) matches. */
    boolean matches(ClassLoader loader, String name, WovenClass woven) {
        String prefix = name.substring(0, name.length() - woven.className().length());
        synchronized (verdicts) {
            Map<String, Boolean> byPrefix = verdicts.computeIfAbsent(loader, any -> new HashMap<>());
            Boolean verdict = byPrefix.get(prefix);
            if (verdict == null) {
                verdict = check(loader, prefix);
                byPrefix.put(prefix, verdict);
            }
            return verdict;
        }
    }

    private boolean check(ClassLoader loader, String prefix) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(loader);
        List<String> lacking = new ArrayList<>();
        for (WovenClass woven : classes) {
            String name = prefix + woven.className();
            try {
                ClassFileLocator.Resolution classFile = locator.locate(name);
                if (!classFile.isResolved()) {
                    lacking.add(name);
                    continue;
                }
                for (WovenClass.Method method : dryWeave.lacking(woven, name, classFile.resolve(), locator)) {
                    lacking.add(name + "." + method.signature());
                }
            } catch (Throwable unweavable) {
                lacking.add(name + " (" + unweavable + ")");
            }
        }
        if (lacking.isEmpty()) {
            IoUringCopies.covered(loader, prefix + PACKAGE);
            return true;
        }
        log.warn("library:" + prefix + PACKAGE, prefix + PACKAGE + " (Netty io_uring) is of a version portwatch "
                + "does not know (it lacks " + String.join(", ", lacking) + "): its sockets are not recorded; the "
                + "kernel's view still lists them");
        return false;
    }
}
