package dev.portwatch.bench;

/** The start-up workload: a JVM that starts and does nothing. */
public final class EmptyMain {

    private EmptyMain() {}

    public static void main(String[] args) {
        // nothing: the wall time of the whole JVM is what is measured
    }
}
