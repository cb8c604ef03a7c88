package dev.portwatch.instrument;

import dev.portwatch.funnel.Funnel;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One JDK-internal class of a {@link Funnel}, and the methods of it that portwatch instruments. {@code covers} names
 * the public APIs whose events are lost when a JDK lacks the class or one of its methods. A {@code library} class
 * (Netty's) is not the boot loader's: it is woven in whichever class loader defines it, and wherever it has been
 * relocated ({@code className} is then the end of its name). Its {@code taps} hand the results of some of the
 * class's own calls to the bridge ({@link CallTap}).
 */
record WovenClass(String className, Funnel funnel, String covers, List<Method> methods, boolean library,
                  List<CallTap> taps) {

    WovenClass(String className, Funnel funnel, String covers, List<Method> methods) {
        this(className, funnel, covers, methods, false);
    }

    WovenClass(String className, Funnel funnel, String covers, List<Method> methods, boolean library) {
        this(className, funnel, covers, methods, library, List.of());
    }

    /** This class with {@code tap} too: calls whose results are handed to the bridge as they are made. */
    WovenClass tapping(CallTap tap) {
        List<CallTap> more = new java.util.ArrayList<>(taps);
        more.add(tap);
        return new WovenClass(className, funnel, covers, methods, library, List.copyOf(more));
    }

    /**
     * A method of the class and the advice woven into it. What differs between methods that share an advice is
     * bound into it per method: the direction of the bytes it counts ({@link Inbound}) and, for an asynchronous
     * read's or write's completion, the field holding its pending future ({@link PendingFuture}).
     */
    record Method(String signature, ElementMatcher<? super MethodDescription> matcher, Class<?> advice,
                  boolean inbound, String pendingFutureField) {

        Method withPendingFuture(String field) {
            return new Method(signature, matcher, advice, inbound, field);
        }
    }
}
