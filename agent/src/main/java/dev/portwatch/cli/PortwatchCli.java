package dev.portwatch.cli;

import dev.portwatch.config.ConfigException;
import dev.portwatch.config.ConfigParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar portwatch-agent.jar}: lists local JVMs, attaches portwatch to a running one, and prints its
 * connection table. Never loaded inside the target JVM. Every failure is one line on stderr and a distinct exit
 * code ({@link ExitCode}).
 */
public final class PortwatchCli {

    private static final String USAGE = String.join("\n",
            "usage: java -jar portwatch-agent.jar <command>",
            "  list                          local JVMs: pid, main class, portwatch endpoint",
            "  attach <pid> [options]        load portwatch into a running JVM; options as for -javaagent,",
            "                                e.g. port=9466 (default for attach: port=0, any free port)",
            "  connections <pid> [--json]    print the JVM's connection table, attaching first if needed",
            "  --help                        this text",
            "exit codes: 0 ok, 2 usage, 3 no such process, 4 not a JVM, 5 attach refused,",
            "            6 no jdk.attach module, 7 agent failed to start, 8 endpoint unreachable");
    private static final long ENDPOINT_WAIT_MILLIS = 30_000;

    private final PrintStream out;

    private PortwatchCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            new PortwatchCli(System.out).run(List.of(args));
            code = ExitCode.OK.code;
        } catch (CliException failed) {
            System.err.println("portwatch: " + failed.getMessage());
            code = failed.exitCode.code;
        }
        System.exit(code);
    }

    void run(List<String> args) throws CliException {
        if (args.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "no command\n" + USAGE);
        }
        switch (args.get(0)) {
            case "--help", "-h", "help" -> out.println(USAGE);
            case "list" -> list();
            case "attach" -> attach(pid(args), args.size() > 2 ? args.get(2) : "");
            case "connections" -> connections(pid(args), args.contains("--json"));
            default -> throw new CliException(ExitCode.USAGE, "unknown command '" + args.get(0)
                    + "'; accepted: list, attach, connections, --help");
        }
    }

    private void list() throws CliException {
        requireAttachModule();
        out.printf("%-8s  %-50s  %s%n", "PID", "MAIN CLASS", "PORTWATCH");
        long self = ProcessHandle.current().pid();
        for (TargetJvm.Listed jvm : TargetJvm.list()) {
            if (jvm.pid() == self) {
                continue;
            }
            String portwatch;
            try (TargetJvm target = TargetJvm.attach(jvm.pid())) {
                Properties properties = target.systemProperties();
                String endpoint = properties.getProperty(TargetJvm.ENDPOINT_PROPERTY);
                portwatch = endpoint != null ? endpoint + "/connections"
                        : properties.getProperty(TargetJvm.STATUS_PROPERTY) != null ? "loaded, endpoint not running"
                        : "-";
            } catch (CliException unreachable) {
                portwatch = "(" + unreachable.getMessage() + ")";
            }
            out.printf("%-8d  %-50s  %s%n", jvm.pid(), jvm.mainClass(), portwatch);
        }
    }

    private void attach(long pid, String options) throws CliException {
        String endpoint = ensureAttached(pid, options, true);
        out.println("portwatch is recording sockets in JVM " + pid + ": " + endpoint + "/connections");
    }

    private void connections(long pid, boolean json) throws CliException {
        String endpoint = ensureAttached(pid, "", false);
        out.print(fetch(endpoint + (json ? "/connections.json" : "/connections")));
    }

    /** Attaches unless portwatch already runs in the JVM; returns its endpoint URL. */
    private String ensureAttached(long pid, String options, boolean announce) throws CliException {
        String withPort = validated(options);
        requireAttachModule();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            String endpoint = target.endpoint();
            if (endpoint != null) {
                if (announce) {
                    out.println("portwatch is already running in JVM " + pid + "; nothing to do");
                }
                return endpoint;
            }
            if (target.systemProperties().getProperty(TargetJvm.STATUS_PROPERTY) == null) {
                target.loadAgent(agentJar(), withPort);
            }
            return awaitEndpoint(target, pid);
        }
    }

    private static String awaitEndpoint(TargetJvm target, long pid) throws CliException {
        long deadline = System.currentTimeMillis() + ENDPOINT_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Properties properties = target.systemProperties();
            String endpoint = properties.getProperty(TargetJvm.ENDPOINT_PROPERTY);
            if (endpoint != null) {
                return endpoint;
            }
            String status = properties.getProperty(TargetJvm.STATUS_PROPERTY);
            if (status != null && status.startsWith("endpoint failed")) {
                throw new CliException(ExitCode.AGENT_FAILED, "portwatch is loaded in JVM " + pid + " but its "
                        + status + "; attach again with another port=");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new CliException(ExitCode.AGENT_FAILED, "portwatch did not start its endpoint in JVM " + pid
                + " within " + ENDPOINT_WAIT_MILLIS / 1000 + " s; see that JVM's stderr");
    }

    /** Checks the options here, so a typo is reported by the CLI rather than in the target's stderr. */
    private static String validated(String options) throws CliException {
        try {
            ConfigParser.parse(options, new Properties(), Map.of());
        } catch (ConfigException bad) {
            throw new CliException(ExitCode.USAGE, bad.getMessage());
        }
        boolean hasPort = ("," + options).contains(",port=");
        return hasPort ? options : options.isEmpty() ? "port=0" : options + ",port=0";
    }

    private static void requireAttachModule() throws CliException {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new CliException(ExitCode.NO_ATTACH_MODULE, "this Java runtime has no jdk.attach module; run "
                    + "the CLI with a full JDK (not a JRE or a jlink image without jdk.attach)");
        }
    }

    private static long pid(List<String> args) throws CliException {
        if (args.size() < 2) {
            throw new CliException(ExitCode.USAGE, args.get(0) + " needs a pid; see --help");
        }
        try {
            return Long.parseLong(args.get(1));
        } catch (NumberFormatException notANumber) {
            throw new CliException(ExitCode.USAGE, "'" + args.get(1) + "' is not a pid (a whole number)");
        }
    }

    private static String agentJar() throws CliException {
        try {
            return Path.of(PortwatchCli.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException(ExitCode.AGENT_FAILED, "cannot locate the agent jar (" + e.getMessage() + ")");
        }
    }

    private static String fetch(String url) throws CliException {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(30000);
            String token = System.getenv("PORTWATCH_TOKEN");
            if (token != null && !token.isEmpty()) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new CliException(ExitCode.ENDPOINT_UNREACHABLE, url + " answered " + status
                        + (status == 401 ? " (set PORTWATCH_TOKEN to the agent's token)" : ""));
            }
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.ENDPOINT_UNREACHABLE, "cannot read " + url + " (" + e.getMessage()
                    + ")");
        }
    }
}
