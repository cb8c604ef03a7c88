package dev.portwatch.it;

/**
 * Lets a scenario JVM wait, from inside, until the agent's endpoint has started or failed. The agent starts its
 * endpoint in the background, so a short program could otherwise exit before the agent has said how that went.
 * Without the agent it returns at once and changes nothing.
 */
final class AgentSettled {

    private static final long TIMEOUT_NANOS = 30_000_000_000L;

    private AgentSettled() {}

    static void awaitEndpoint() throws InterruptedException {
        if (System.getProperty("portwatch.status") == null) {
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!settled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static boolean settled() {
        return System.getProperty("portwatch.endpoint") != null
                || System.getProperty("portwatch.status", "").startsWith("endpoint failed");
    }
}
