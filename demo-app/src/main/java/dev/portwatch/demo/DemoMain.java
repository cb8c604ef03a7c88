package dev.portwatch.demo;

import java.io.IOException;
import java.net.BindException;

/**
 * Entry point: reads the options, starts the demo, says where its services are and where portwatch's table is,
 * then keeps the JVM alive for {@code --duration} or until it is killed.
 */
public final class DemoMain {

    /** The agent publishes its endpoint URL in this system property once its server is up. */
    private static final String ENDPOINT_PROPERTY = "portwatch.endpoint";
    private static final long ENDPOINT_WAIT_MILLIS = 3_000;

    private DemoMain() {}

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("portwatch-demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        Demo demo;
        try {
            demo = Demo.start(options.httpPort());
        } catch (IOException e) {
            // Every other listener takes a free port, so a bind failure can only be the HTTP port.
            System.err.println("portwatch-demo: cannot start: " + e + (e instanceof BindException
                    ? "; is 127.0.0.1:" + options.httpPort() + " taken? choose another port with --port" : ""));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            System.out.println("portwatch-demo: stopped; " + demo.counters().summary());
        }, "demo-shutdown"));
        startKeepAlive(demo, options);
        printWhereThingsAre(demo, options);
    }

    /** The only non-daemon thread the demo starts: when it ends, the JVM ends. */
    private static void startKeepAlive(Demo demo, Options options) {
        Thread keepAlive = new Thread(() -> {
            try {
                if (!demo.awaitClosed(options.duration())) {
                    demo.close();
                }
            } catch (InterruptedException e) {
                demo.close();
            }
        }, "demo-keepalive");
        keepAlive.start();
    }

    private static void printWhereThingsAre(Demo demo, Options options) throws InterruptedException {
        System.out.println("portwatch-demo: http http://127.0.0.1:" + demo.httpPort() + "/hello (and /slow)");
        System.out.println("portwatch-demo: tcp echo 127.0.0.1:" + demo.echoPort() + ", udp echo 127.0.0.1:"
                + demo.udpPort() + ", hung listener 127.0.0.1:" + demo.stuckPort());
        System.out.println("portwatch-demo: " + (options.duration() == null
                ? "running until stopped (Ctrl-C)"
                : "running for " + options.duration().toSeconds() + " s"));
        String endpoint = awaitEndpoint();
        System.out.println(endpoint == null
                ? "portwatch-demo: run with -javaagent:agent/target/portwatch-agent.jar to see the table"
                : "portwatch table: " + endpoint + "/connections");
    }

    /** The agent starts its server in the background, so the property may appear a moment after main starts. */
    private static String awaitEndpoint() throws InterruptedException {
        long deadline = System.nanoTime() + ENDPOINT_WAIT_MILLIS * 1_000_000;
        String endpoint = System.getProperty(ENDPOINT_PROPERTY);
        while (endpoint == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            endpoint = System.getProperty(ENDPOINT_PROPERTY);
        }
        return endpoint;
    }
}
