package dev.portwatch.capture;

import dev.portwatch.config.OpenerMode;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.table.AcceptOrigin;
import dev.portwatch.table.Connection;
import dev.portwatch.table.Opener;
import dev.portwatch.table.OriginSource;
import dev.portwatch.table.RowOrigin;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds who opened a socket: the thread, the public API and application frame on its stack (one stack walk), and
 * whether it is the agent's own. The table asks only when an event creates a row, through sources made once per
 * funnel here, so an event allocates nothing to say where its origin would come from. With thread openers
 * ({@code openers=thread}) no stack is read: every opener is its thread, and the API the one its funnel serves.
 * The agent's own sockets (its endpoint, marked as the agent's) are named by their thread always: their stack says
 * nothing a user needs, and walking it would load and JIT-compile the walk in a JVM that opens no socket itself.
 */
final class Openers {

    private final CallSites callSites;
    /** The walk's openers found again from recorded stacks, for the sockets opened where others were before. */
    private final RecordedSites recordedSites;
    private final AcceptSites acceptSites = new AcceptSites();
    private final ThreadLocal<Boolean> agentScope = new ThreadLocal<>();
    /**
     * How many threads are in {@link #asAgent} now: almost always none, and then a new row needs no thread-local
     * lookup to know it is the application's.
     */
    private final AtomicInteger agentScopes = new AtomicInteger();
    private final OriginSource[] opened = new OriginSource[Funnel.values().length];
    private final OriginSource[] listening = new OriginSource[Funnel.values().length];
    private final AcceptOrigin[] accepted = new AcceptOrigin[Funnel.values().length];
    private final boolean threadOpeners;

    Openers(OpenerMode mode) {
        this.threadOpeners = !mode.readsStack();
        this.callSites = new CallSites(mode.fullStacks());
        this.recordedSites = new RecordedSites(callSites, mode.fullStacks());
        for (Funnel funnel : Funnel.values()) {
            opened[funnel.id()] = new OpenedBy(funnel, false);
            listening[funnel.id()] = new OpenedBy(funnel, true);
            accepted[funnel.id()] = new AcceptedFrom(funnel);
        }
    }

    /** For a socket this process opens through {@code funnel}: bound, connecting, or a UDP socket. */
    OriginSource opened(Funnel funnel) {
        return opened[funnel.id()];
    }

    /** For a server socket that starts listening. */
    OriginSource listening(Funnel funnel) {
        return listening[funnel.id()];
    }

    /** For a connection accepted by a listener of {@code listenerFunnel}. */
    AcceptOrigin accepted(Funnel listenerFunnel) {
        return accepted[listenerFunnel.id()];
    }

    /** The opener of a failed bind or connect that has no row. */
    Opener current(Funnel funnel) {
        return threadOpeners ? threadOpener(funnel.defaultApi(false)) : callSites.current(funnel.defaultApi(false));
    }

    /** Runs {@code action} so that the sockets it opens on this thread are marked as the agent's own. */
    <T, E extends Exception> T asAgent(SocketEventCapture.AgentAction<T, E> action) throws E {
        agentScopes.incrementAndGet();
        agentScope.set(Boolean.TRUE);
        try {
            return action.run();
        } finally {
            agentScope.remove();
            agentScopes.decrementAndGet();
        }
    }

    /*
     * Sources are classes, not lambdas, and do their work themselves: every frame between the bridge and the stack
     * walk is one more frame the walk materializes before it reaches the application's (measured: each costs). For
     * the same reason a source makes the Throwable whose stack is recorded in its own origin method, the agent's
     * frame nearest the application's that knows a row is made, and hands it down: the VM records each frame above
     * it too, and none of them can be the opener (recording costs by the depth: docs/benchmarks.md).
     */

    /** The origin of a socket this process opens (or a listener), found where the table asks for it. */
    private final class OpenedBy implements OriginSource {
        private final Funnel funnel;
        private final String api;
        private final ThreadOpener byThread;
        private final CallSites.WalkDepth depth = new CallSites.WalkDepth();

        OpenedBy(Funnel funnel, boolean listener) {
            this.funnel = funnel;
            this.api = funnel.defaultApi(listener);
            this.byThread = new ThreadOpener(api);
        }

        @Override
        public RowOrigin origin() {
            boolean agentOwned = inAgentScope();
            Opener opener;
            if (threadOpeners || agentOwned) {
                opener = byThread.get();
            } else {
                opener = recordedSites.current(api, depth, recordedSites.records(depth) ? new Throwable() : null);
            }
            return new RowOrigin(funnel.transport(), Thread.currentThread().getName(), opener, agentOwned,
                    funnel.closedByJdkWhenCollected());
        }
    }

    /** The origin of a connection accepted by a listener of one funnel: its thread's last opener when it can. */
    private final class AcceptedFrom implements AcceptOrigin {
        private final Funnel listenerFunnel;
        private final Funnel acceptedFunnel;
        private final ThreadOpener byThread;
        private final CallSites.WalkDepth depth = new CallSites.WalkDepth();

        AcceptedFrom(Funnel listenerFunnel) {
            this.listenerFunnel = listenerFunnel;
            this.acceptedFunnel = listenerFunnel.acceptedFunnel();
            this.byThread = new ThreadOpener(listenerFunnel.defaultApi(true));
        }

        @Override
        public RowOrigin origin(Connection listenerRow) {
            boolean agentOwned = listenerRow != null && listenerRow.agentOwned() || inAgentScope();
            Opener opener = threadOpeners || agentOwned ? byThread.get()
                    : listenerRow == null ? null : acceptSites.lastFrom(listenerRow);
            if (opener == null) {
                opener = acceptOpener(listenerFunnel, listenerRow, depth,
                        recordedSites.records(depth) ? new Throwable() : null);
                if (listenerRow != null) {
                    acceptSites.remember(listenerRow, opener);
                }
            }
            return new RowOrigin(acceptedFunnel.transport(), Thread.currentThread().getName(), opener, agentOwned,
                    acceptedFunnel.closedByJdkWhenCollected());
        }
    }

    private Opener acceptOpener(Funnel listenerFunnel, Connection listenerRow, CallSites.WalkDepth depth,
                                Throwable recorded) {
        Opener opener = recordedSites.current(listenerFunnel.defaultApi(true), depth, recorded);
        if (listenerRow != null && tells(listenerRow.opener()) > tells(opener)) {
            // Accepted on a server's own thread (an HTTP server's dispatcher, a channel group): no application
            // frame is on the stack, so name the code that opened the listener when that says more.
            Opener listener = listenerRow.opener();
            opener = new Opener(opener.api(), listener.frame(), listener.stack(), listener.kind());
        }
        return opener;
    }

    /**
     * The thread's opener of one funnel's rows, made at the first row that needs it: most funnels never open a socket
     * of the agent's, and one opener per funnel made ahead would outnumber the walk's shared ones. Made twice at worst.
     */
    private static final class ThreadOpener {
        private final String api;
        private Opener made;

        ThreadOpener(String api) {
            this.api = api;
        }

        Opener get() {
            Opener opener = made;
            if (opener == null) { // a race makes a second equal opener, no harm: an Opener's fields are final
                made = opener = threadOpener(api);
            }
            return opener;
        }
    }

    /** A thread's opener: made once per funnel and API, as {@link SiteOpeners} shares the walk's. */
    private static Opener threadOpener(String api) {
        return new Opener(api, null, List.of(), Opener.Kind.THREAD);
    }

    /** How much an opener tells: an application frame most, then a JDK frame, a thread, and nothing. */
    private static int tells(Opener opener) {
        return opener.kind() == null ? -1 : Opener.Kind.values().length - opener.kind().ordinal();
    }

    private boolean inAgentScope() {
        return agentScopes.get() != 0 && agentScope.get() != null;
    }
}
