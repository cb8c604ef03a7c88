package dev.portwatch.table;

/** The wall clock of the table; a seam for tests. */
@FunctionalInterface
public interface Clock {
    long millis();
}
