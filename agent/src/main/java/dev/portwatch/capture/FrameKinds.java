package dev.portwatch.capture;

import dev.portwatch.funnel.Funnel;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a frame's class is to the search for a socket's opener: the agent's own, the JDK's (maybe naming the public
 * API used, maybe outside {@code java.base}), a library funnel, or the application's. Decided once per class and
 * kept in a {@link ClassValue} (which never keeps a class alive): the search reads it for every frame it passes, and
 * comparing a class's name with a dozen prefixes per frame per socket cost more than the lookup.
 */
final class FrameKinds {

    /** What a class is; for the JDK's, the public API its frame names (null: none) and whether it is java.base's. */
    enum Role { AGENT, JDK, LIBRARY_FUNNEL, APPLICATION }

    /** The kind of one class. Immutable; one instance per class. */
    static final class Kind {
        final Role role;
        /** The public API a JDK class's frame names, or null. */
        final String api;
        /** A JDK class outside {@code java.base}: its frame can name the opener of a stack of JDK code alone. */
        final boolean outsideJavaBase;

        Kind(Role role, String api, boolean outsideJavaBase) {
            this.role = role;
            this.api = api;
            this.outsideJavaBase = outsideJavaBase;
        }
    }

    /** JDK classes whose frame names the public API used, from every funnel; the outermost one on the stack wins. */
    private static final Map<String, String> PUBLIC_APIS = publicApis();

    /** Library classes that are funnels themselves (Netty's sockets, maybe relocated): never the opener. */
    private static final String[] LIBRARY_FUNNEL_CLASSES = libraryFunnelClasses();

    private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
    private static final String[] AGENT_PACKAGES = {
        "dev.portwatch.bridge.", "dev.portwatch.capture.", "dev.portwatch.funnel.", "dev.portwatch.table.",
    };
    private static final Module JAVA_BASE = Object.class.getModule();

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            return classify(type);
        }
    };

    private FrameKinds() {}

    static Kind of(Class<?> type) {
        return KINDS.get(type);
    }

    /** As the stack walk decided it from the frame's class name (the order of the checks matters). */
    static Kind classify(Class<?> type) {
        String name = type.getName();
        if (startsWithAny(name, AGENT_PACKAGES)) {
            return new Kind(Role.AGENT, null, false);
        }
        if (startsWithAny(name, JDK_PACKAGES)) {
            return new Kind(Role.JDK, PUBLIC_APIS.get(name), type.getModule() != JAVA_BASE);
        }
        if (isLibraryFunnel(name)) {
            return new Kind(Role.LIBRARY_FUNNEL, null, false);
        }
        return new Kind(Role.APPLICATION, null, false);
    }

    private static Map<String, String> publicApis() {
        Map<String, String> apis = new HashMap<>();
        for (Funnel funnel : Funnel.values()) {
            apis.putAll(funnel.apiFrames());
        }
        return Map.copyOf(apis);
    }

    /** A loop, not a stream: this runs at start, where a stream's first use loads a hundred classes. */
    private static String[] libraryFunnelClasses() {
        Set<String> classes = new LinkedHashSet<>();
        for (Funnel funnel : Funnel.values()) {
            classes.addAll(funnel.libraryClasses());
        }
        return classes.toArray(new String[0]);
    }

    private static boolean isLibraryFunnel(String className) {
        for (String libraryClass : LIBRARY_FUNNEL_CLASSES) {
            if (Funnel.isRelocated(className, libraryClass, '.')) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
