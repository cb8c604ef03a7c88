package dev.portwatch.it;

import java.util.StringJoiner;

/**
 * What the class path's classes may reach of the JDK packages portwatch reads into: one word per package,
 * {@code name=open}, {@code name=exported} or {@code name=hidden}.
 */
final class JdkPackages {

    static final String[] READ_BY_THE_AGENT = {"java.net", "sun.nio.ch", "jdk.internal.misc", "jdk.internal.perf",
        "java.lang", "java.lang.invoke"};

    private JdkPackages() {}

    static String seenFrom(Class<?> applicationClass) {
        Module javaBase = Object.class.getModule();
        Module application = applicationClass.getModule();
        StringJoiner words = new StringJoiner(" ");
        for (String name : READ_BY_THE_AGENT) {
            String access = javaBase.isOpen(name, application) ? "open"
                    : javaBase.isExported(name, application) ? "exported" : "hidden";
            words.add(name + "=" + access);
        }
        return words.toString();
    }
}
