package dev.portwatch.log;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's only logger: one line per message on the host's stderr, prefixed {@code portwatch:}. It never
 * floods: a message with the same topic is printed at most once a minute, and at most {@value #MAX_PER_MINUTE}
 * lines a minute are printed in all; the rest are counted. It remembers at most {@value #MAX_TOPICS} topics (a
 * topic may hold a thread name, so there can be any number of them); past that, topics not printed for a minute
 * are forgotten, and a new topic that still finds no room is held back by the per-minute budget alone. Every line
 * goes through {@link Printable}: no control character reaches the host's stderr.
 */
public final class AgentLog {

    static final int MAX_PER_MINUTE = 20;
    static final int MAX_TOPICS = 1000;
    private static final long MINUTE_MILLIS = 60_000;

    private final PrintStream out;
    private final Map<String, Long> lastByTopic = new ConcurrentHashMap<>();
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong linesInWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public AgentLog(PrintStream out) {
        this.out = out;
    }

    public static AgentLog toStderr() {
        return new AgentLog(System.err);
    }

    /** Prints the message unless the same topic was printed less than a minute ago or the budget is spent. */
    public void warn(String topic, String message) {
        long now = System.currentTimeMillis();
        Long last = lastByTopic.get(topic);
        if (last != null && now - last < MINUTE_MILLIS) {
            suppressed.incrementAndGet();
            return;
        }
        remember(topic, now);
        print(message, now);
    }

    /** Prints a one-off line (start-up, configuration), subject to the per-minute budget only. */
    public void info(String message) {
        print(message, System.currentTimeMillis());
    }

    public long suppressedLines() {
        return suppressed.get();
    }

    /** How many topics are remembered now; never more than {@value #MAX_TOPICS}. */
    int rememberedTopics() {
        return lastByTopic.size();
    }

    private void remember(String topic, long now) {
        if (lastByTopic.size() >= MAX_TOPICS && !lastByTopic.containsKey(topic)) {
            lastByTopic.values().removeIf(last -> now - last >= MINUTE_MILLIS);
            if (lastByTopic.size() >= MAX_TOPICS) {
                return;
            }
        }
        lastByTopic.put(topic, now);
    }

    private void print(String message, long now) {
        long start = windowStart.get();
        if (now - start >= MINUTE_MILLIS && windowStart.compareAndSet(start, now)) {
            linesInWindow.set(0);
        }
        if (linesInWindow.incrementAndGet() > MAX_PER_MINUTE) {
            suppressed.incrementAndGet();
            return;
        }
        out.println("portwatch: " + Printable.escape(message));
    }
}
