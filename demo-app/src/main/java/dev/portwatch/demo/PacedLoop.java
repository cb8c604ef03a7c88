package dev.portwatch.demo;

/**
 * Repeats one step on its own named daemon thread, waiting a fixed time after each step so the demo stays at a few
 * operations per second however slow or fast the step is. A failing step is counted and the loop goes on: one
 * broken path must not silence the rest of the demo.
 */
final class PacedLoop {

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final String name;
    private final long firstDelayMillis;
    private final long periodMillis;
    private final Counters counters;
    private final Step step;
    private final Thread thread;
    private volatile boolean running = true;

    private PacedLoop(String name, long firstDelayMillis, long periodMillis, Counters counters, Step step) {
        this.name = name;
        this.firstDelayMillis = firstDelayMillis;
        this.periodMillis = periodMillis;
        this.counters = counters;
        this.step = step;
        this.thread = new Thread(this::loop, "demo-" + name);
        thread.setDaemon(true);
    }

    static PacedLoop start(String name, long firstDelayMillis, long periodMillis, Counters counters, Step step) {
        PacedLoop loop = new PacedLoop(name, firstDelayMillis, periodMillis, counters, step);
        loop.thread.start();
        return loop;
    }

    /** Asks the loop to end; a step in progress ends at its next interruptible wait or its I/O timeout. */
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** Lets the owner close what the step uses only once the step can no longer be using it. */
    void awaitStopped(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        if (!pause(firstDelayMillis)) {
            return;
        }
        do {
            try {
                step.run();
            } catch (InterruptedException stopping) {
                return;
            } catch (Exception e) {
                // Sockets closed by stop() fail the step in progress; that is shutdown, not an error worth counting.
                if (running) {
                    counters.add(name + ".failed." + e.getClass().getSimpleName());
                }
            }
        } while (pause(periodMillis));
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException stopping) {
            return false;
        }
    }
}
