package dev.portwatch.app;

import java.lang.reflect.Method;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Application code that opens through the ways code reaches a socket: directly, through a method of its own,
 * from a lambda's body and through reflection. Outside the agent's packages, so the opener is found here.
 */
public final class OpenerCallers {

    private OpenerCallers() {}

    public static <T> T direct(Function<String, T> open) {
        return open.apply("Socket");
    }

    public static <T> T nested(Function<String, T> open) {
        return helper(open);
    }

    private static <T> T helper(Function<String, T> open) {
        return open.apply("Socket");
    }

    public static <T> T fromLambda(Function<String, T> open) {
        Supplier<T> inLambda = () -> open.apply("Socket");
        return inLambda.get();
    }

    @SuppressWarnings("unchecked")
    public static <T> T reflective(Function<String, T> open) throws ReflectiveOperationException {
        Method target = OpenerCallers.class.getMethod("direct", Function.class);
        return (T) target.invoke(null, open);
    }
}
