package dev.portwatch.capture;

import dev.portwatch.table.Opener;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One immutable {@link Opener} per place in the code that opens sockets, shared by every row opened there: a pool
 * that opens 10,000 connections from one line keeps one opener and one stack frame instead of 10,000 of each
 * (80–112 bytes per row). A place is the frame's method ({@link FrameMethods}) and bytecode index, found without
 * resolving any name on the application's thread; the opener also keeps the API and kind it was found with, so a
 * place reached through two APIs has two.
 *
 * <p>Openers are kept per declaring class in a {@link ClassValue}, which never keeps a class (or its loader) alive:
 * the class holds the openers, not the other way round. At most {@link #MAX_SITES_PER_CLASS} per class; past that
 * (or where frames cannot be read) a socket gets an opener of its own, as before.
 */
final class SiteOpeners {

    static final int MAX_SITES_PER_CLASS = 32;

    private final ClassValue<Sites> byClass = new ClassValue<>() {
        @Override
        protected Sites computeValue(Class<?> type) {
            return new Sites();
        }
    };
    /** Openers without a frame (named by their thread), one per API. */
    private final Map<String, Opener> threadOnly = new ConcurrentHashMap<>();

    /** Whether openers are shared on this JDK (else each call makes a new one). */
    boolean sharing() {
        return FrameMethods.available();
    }

    /** The opener of a socket opened at {@code frame} through {@code api}. */
    Opener at(StackWalker.StackFrame frame, String api, Opener.Kind kind) {
        Object method = FrameMethods.of(frame);
        if (method == null) {
            return new Opener(api, frame, List.of(), kind);
        }
        return byClass.get(frame.getDeclaringClass()).opener(method, frame, api, kind);
    }

    /** The opener of a socket whose stack names no code, only its thread. */
    Opener threadOnly(String api) {
        Opener opener = threadOnly.get(api);
        if (opener == null) {
            opener = new Opener(api, null, List.of(), Opener.Kind.THREAD);
            if (threadOnly.size() < MAX_SITES_PER_CLASS) {
                Opener raced = threadOnly.putIfAbsent(api, opener);
                return raced == null ? opener : raced;
            }
        }
        return opener;
    }

    private record Site(Object method, int bci, Opener opener) {
        boolean is(Object otherMethod, int otherBci, String api, Opener.Kind kind) {
            return method == otherMethod && bci == otherBci && opener.kind() == kind && opener.api().equals(api);
        }
    }

    /** The sites of one class: read without a lock (an array replaced whole), added to under this object's lock. */
    private static final class Sites {
        private volatile Site[] sites = new Site[0];

        Opener opener(Object method, StackWalker.StackFrame frame, String api, Opener.Kind kind) {
            int bci = frame.getByteCodeIndex();
            Opener found = find(sites, method, bci, api, kind);
            return found != null ? found : add(method, bci, frame, api, kind);
        }

        private synchronized Opener add(Object method, int bci, StackWalker.StackFrame frame, String api,
                                        Opener.Kind kind) {
            Site[] current = sites;
            Opener raced = find(current, method, bci, api, kind);
            if (raced != null) {
                return raced;
            }
            Opener opener = new Opener(api, frame, List.of(), kind);
            if (current.length < MAX_SITES_PER_CLASS) {
                Site[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = new Site(method, bci, opener);
                sites = grown;
            }
            return opener;
        }

        private static Opener find(Site[] sites, Object method, int bci, String api, Opener.Kind kind) {
            for (Site site : sites) {
                if (site.is(method, bci, api, kind)) {
                    return site.opener();
                }
            }
            return null;
        }
    }
}
