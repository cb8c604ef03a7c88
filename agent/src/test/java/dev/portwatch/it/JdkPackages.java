package dev.portwatch.it;

import java.util.StringJoiner;

/**
 * What the class path's classes may reach of the JDK packages portwatch reads into: one word per package,
 * {@code name=open}, {@code name=exported} or {@code name=hidden} ({@code name=absent} for a module the runtime lacks).
 */
final class JdkPackages {

    /** Packages of {@code java.base}, or {@code module/package}. */
    static final String[] READ_BY_THE_AGENT = {"java.net", "sun.nio.ch", "jdk.internal.misc", "jdk.internal.perf",
        "java.lang", "java.lang.invoke", "jdk.management/com.sun.management.internal"};

    private JdkPackages() {}

    static String seenFrom(Class<?> applicationClass) {
        Module application = applicationClass.getModule();
        StringJoiner words = new StringJoiner(" ");
        for (String name : READ_BY_THE_AGENT) {
            int slash = name.indexOf('/');
            Module module = slash < 0 ? Object.class.getModule()
                    : ModuleLayer.boot().findModule(name.substring(0, slash)).orElse(null);
            String pkg = name.substring(slash + 1);
            String access = module == null ? "absent" : module.isOpen(pkg, application) ? "open"
                    : module.isExported(pkg, application) ? "exported" : "hidden";
            words.add(name + "=" + access);
        }
        return words.toString();
    }
}
