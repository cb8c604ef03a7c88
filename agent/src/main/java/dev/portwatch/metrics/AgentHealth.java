package dev.portwatch.metrics;

import java.util.function.LongSupplier;

/**
 * How the agent itself is doing: what it failed to record or handle, never the application's traffic. Handed to
 * the metrics by the wiring ({@code agent/Installer}), so the metrics never reach into the bridge or the table for
 * it.
 *
 * @param listenerErrors errors inside the agent's event handling, swallowed to protect the application: each one is
 *     a bug
 * @param untrackedSockets sockets not recorded because the table was full of open rows
 */
public record AgentHealth(LongSupplier listenerErrors, LongSupplier untrackedSockets) {}
