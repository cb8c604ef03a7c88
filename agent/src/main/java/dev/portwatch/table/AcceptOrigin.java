package dev.portwatch.table;

/**
 * Says who opened an accepted connection, given the row of the listener it came from (null when that listener is
 * unknown: opened before the agent, or untracked). Asked only when the accept creates a row.
 */
@FunctionalInterface
public interface AcceptOrigin {

    RowOrigin origin(Connection listenerRow);
}
