package dev.portwatch.bench;

/** The footprint workload: a JVM that starts and then waits, doing nothing, until it is killed. */
public final class IdleMain {

    private IdleMain() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // what the JVM and the agent hold and spend while idle is what is measured
    }
}
