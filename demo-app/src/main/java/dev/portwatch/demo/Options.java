package dev.portwatch.demo;

import java.time.Duration;

/** The command line: {@code --port}, {@code --duration}, {@code --help}. A null duration means run until killed. */
record Options(int httpPort, Duration duration, boolean help) {

    static final String USAGE = """
            usage: java [-javaagent:agent/target/portwatch-agent.jar] -jar portwatch-demo-app.jar [options]
              --port <httpPort>     port of the demo's HTTP server on 127.0.0.1, 0-65535;
                                    0 picks a free one (default 8080)
              --duration <seconds>  stop after this many seconds, 1 or more (default: run until killed)
              --help                print this help
            """;

    private static final String ACCEPTED = "accepted: --port <0-65535>, --duration <seconds>, --help";

    static Options parse(String... args) throws UsageException {
        int port = 8080;
        Duration duration = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = port(valueOf(args, ++i, "--port", "a port number 0-65535"));
                case "--duration" -> duration = duration(valueOf(args, ++i, "--duration", "a number of seconds, 1 or more"));
                case "--help", "-h" -> help = true;
                default -> throw new UsageException("unknown option '" + args[i] + "'; " + ACCEPTED);
            }
        }
        return new Options(port, duration, help);
    }

    private static String valueOf(String[] args, int index, String option, String expected) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value: " + expected);
        }
        return args[index];
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw new UsageException("--port '" + value + "' is not a port; accepted: 0-65535 (0 picks a free port)");
    }

    private static Duration duration(String value) throws UsageException {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted values
        }
        throw new UsageException("--duration '" + value + "' is not a duration; accepted: whole seconds, 1 or more");
    }

    /** A command line the demo cannot run with; the message is one line naming the option and what it accepts. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
