package dev.portwatch.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a test once on each JDK of {@code -Dportwatch.test.jdks} (both by default: 17 and 25); the method's first
 * parameter is the JDK's home, a {@code Path}. With {@link #with}, it runs once per JDK and per row of a static
 * method of the test class, whose values follow the JDK:
 * <pre>
 * static Stream&lt;String&gt; families() { return Stream.of("stream", "channels"); }
 *
 * &#64;EachJdk(with = "families")
 * void apiFamilyIsRecorded(Path jdk, String family) { ... }
 * </pre>
 * A listed JDK that is missing fails the test (see {@link Jdks#all()}): it never skips.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{arguments}")
@ArgumentsSource(JdkSource.class)
@interface EachJdk {

    /**
     * A static method of the test class without parameters returning a {@code Stream}, {@code Collection} or array
     * of rows: each an {@code Arguments} or one value. Empty: the JDK alone.
     */
    String with() default "";
}
