package dev.portwatch.capture;

import dev.portwatch.table.Opener;
import java.util.Arrays;

/**
 * The opener of a socket found from the stack the VM records for a {@code new Throwable()} ({@link Backtraces}),
 * for a place in the code that opened sockets before: the stack walk of {@link CallSites} runs once per place, the
 * later sockets opened there get its opener from the recorded stack, classified frame by frame with
 * {@link FrameKinds} as the walk does, without any name or line made. The first application frame (or, on a stack
 * of JDK code alone, the outermost JDK frame outside {@code java.base}) is looked for in the first
 * {@link #MAX_FRAMES} frames; past them, or where backtraces cannot be read, every socket is walked for as before.
 * Recording costs by the stack's whole depth where the walk stops at the opener: a place whose stacks are deep
 * (a framework's) is mostly walked for ({@link CallSites.WalkDepth#recordStack}).
 *
 * <p>Places are kept per class in a {@link ClassValue}, by the method's id, bytecode index and version, the API and
 * the kind; each keeps the walk's opener, which is only kept when it names the same class and bytecode index, so a
 * place found here names what the walk would. At most {@link SiteOpeners#MAX_SITES_PER_CLASS} per class.
 */
final class RecordedSites {

    static final int MAX_FRAMES = 48;

    private final CallSites callSites;
    private final boolean fullStacks;
    private final ClassValue<Places> byClass = new ClassValue<>() {
        @Override
        protected Places computeValue(Class<?> type) {
            return new Places();
        }
    };

    /** {@code callSites}: the walk, for the first socket of each place; with full stacks it alone is used. */
    RecordedSites(CallSites callSites, boolean fullStacks) {
        this.callSites = callSites;
        this.fullStacks = fullStacks;
    }

    /**
     * Whether openers come from recorded stacks (else each is walked for): not before the agent's thread has run
     * {@link Backtraces}' self-test ({@link Backtraces#check}), which costs no application thread anything.
     */
    boolean enabled() {
        return !fullStacks && Backtraces.available();
    }

    /**
     * Whether the stack of the socket opened now is to be recorded (else it is walked for): asked once per socket,
     * by the caller of {@link #current}, which then makes the {@code Throwable} itself.
     */
    boolean records(CallSites.WalkDepth depth) {
        return enabled() && depth.recordStack();
    }

    /**
     * The opener of a socket opened now through {@code defaultApi} (or the public API a frame names), from the
     * stack recorded for {@code recorded}: a {@code Throwable} the caller made when {@link #records} said so, in its
     * own frame, so that the VM records no frame of this class or of {@link Backtraces} (each costs, and none can
     * be the opener). Null: walked for.
     */
    Opener current(String defaultApi, CallSites.WalkDepth depth, Throwable recorded) {
        Object[] chunk = recorded == null ? null : Backtraces.of(recorded);
        if (chunk == null) {
            return callSites.current(defaultApi, depth);
        }
        depth.recorded(Backtraces.chunks(chunk));
        String api = defaultApi;
        Class<?> outermostJdk = null;
        long outermostJdkPlace = 0;
        int frame = 0;
        for (; chunk != null && frame < MAX_FRAMES; chunk = Backtraces.next(chunk)) {
            for (int i = 0; i < Backtraces.CHUNK && frame < MAX_FRAMES; i++, frame++) {
                Class<?> type = Backtraces.frameClass(chunk, i);
                if (type == null) {
                    return outermostJdk != null ? found(outermostJdk, outermostJdkPlace, api, Opener.Kind.JDK,
                            defaultApi, depth) : callSites.current(defaultApi, depth);
                }
                FrameKinds.Kind kind = FrameKinds.of(type);
                if (kind.role == FrameKinds.Role.APPLICATION) {
                    return found(type, Backtraces.place(chunk, i), api, Opener.Kind.APPLICATION, defaultApi, depth);
                }
                if (kind.role == FrameKinds.Role.JDK) {
                    api = kind.api != null ? kind.api : api;
                    if (kind.outsideJavaBase) {
                        outermostJdk = type;
                        outermostJdkPlace = Backtraces.place(chunk, i);
                    }
                }
            }
        }
        return callSites.current(defaultApi, depth); // no opener in MAX_FRAMES frames: walked, as before
    }

    /** How many places of {@code type} are known (for tests). */
    int placesOf(Class<?> type) {
        return byClass.get(type).places.length;
    }

    private Opener found(Class<?> type, long place, String api, Opener.Kind kind, String defaultApi,
                         CallSites.WalkDepth depth) {
        Places places = byClass.get(type);
        Opener known = places.find(place, api, kind);
        if (known != null) {
            return known;
        }
        Opener walked = callSites.current(defaultApi, depth);
        StackWalker.StackFrame walkedFrame = walked.frame();
        if (walked.kind() == kind && walked.api().equals(api) && walkedFrame != null
                && walkedFrame.getDeclaringClass() == type
                && walkedFrame.getByteCodeIndex() == Backtraces.bci(place)) {
            places.add(place, api, kind, walked);
        }
        return walked;
    }

    /** One place's opener. */
    private static final class Place {
        final long place;
        final String api;
        final Opener.Kind kind;
        final Opener opener;

        Place(long place, String api, Opener.Kind kind, Opener opener) {
            this.place = place;
            this.api = api;
            this.kind = kind;
            this.opener = opener;
        }
    }

    /** The places of one class: read without a lock (an array replaced whole), added to under this object's lock. */
    private static final class Places {
        private volatile Place[] places = new Place[0];

        Opener find(long place, String api, Opener.Kind kind) {
            for (Place known : places) {
                if (known.place == place && known.kind == kind && (known.api == api || known.api.equals(api))) {
                    return known.opener;
                }
            }
            return null;
        }

        synchronized void add(long place, String api, Opener.Kind kind, Opener opener) {
            Place[] current = places;
            if (current.length >= SiteOpeners.MAX_SITES_PER_CLASS || find(place, api, kind) != null) {
                return;
            }
            Place[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = new Place(place, api, kind, opener);
            places = grown;
        }
    }
}
