package dev.portwatch.instrument;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One JDK-internal class that every socket of some kind goes through, and the methods of it that portwatch
 * instruments. {@code funnelId} is the {@link dev.portwatch.bridge.Bridge} constant its events carry.
 */
record Funnel(String className, int funnelId, String covers, List<Method> methods) {

    /** A method of the funnel, the advice woven into it, and what is lost when a JDK lacks it. */
    record Method(String signature, ElementMatcher<? super MethodDescription> matcher, Class<?> advice) {}
}
