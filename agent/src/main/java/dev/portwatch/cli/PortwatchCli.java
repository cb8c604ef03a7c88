package dev.portwatch.cli;

import dev.portwatch.config.ConfigException;
import dev.portwatch.config.ConfigParser;
import dev.portwatch.instrument.WeaveCacheFill;
import dev.portwatch.log.Printable;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code java -jar portwatch-agent.jar}: lists local JVMs, attaches portwatch to a running one, and prints its
 * connection table. Never loaded inside the target JVM. Every failure is one line on stderr and a distinct exit
 * code ({@link ExitCode}).
 */
public final class PortwatchCli {

    private static final String USAGE = String.join("\n",
            "usage: java -jar portwatch-agent.jar <command>",
            "  list                          local JVMs: pid, portwatch endpoint, main class (read from their",
            "                                performance data files, as jps does: never attaches)",
            "  attach <pid> [options]        load portwatch into a running JVM; options as for -javaagent,",
            "                                e.g. port=9466 (default for attach: port=0, any free port);",
            "                                where portwatch runs but its endpoint failed (port taken),",
            "                                starts the endpoint on the port given: attach <pid> port=9466",
            "  connections <pid> [--json]    print the JVM's connection table, attaching first if needed",
            "                                (and starting a failed endpoint on a free port)",
            "  weave-cache                   weave the socket classes of the JDK running it into the",
            "                                woven classes' cache (-Dportwatch.weaveCache=<dir>, default",
            "                                ~/.cache/portwatch), so that JVMs of that JDK start without",
            "                                Byte Buddy",
            "  --help                        this text",
            "an unknown command, flag or option, or an argument too many, is refused (exit 2) with the",
            "nearest name it may have meant.",
            "attach and connections work only on JVMs of the user running the CLI (also as root).",
            "exit codes: 0 ok, 2 bad usage, 3 no such process, 4 not a JVM, 5 attach refused,",
            "            6 no jdk.attach module, 7 agent failed to start, 8 endpoint unreachable,",
            "            9 the JVM belongs to another user, 10 the JVM's advertised endpoint is not",
            "            a loopback listener of its own (nothing was sent to it)");
    private static final long ENDPOINT_WAIT_MILLIS = 30_000;
    /** The performance data string that holds the JVM's command line, main class first (jps reads it too). */
    private static final String MAIN_CLASS_COUNTER = "sun.rt.javaCommand";

    /** How the agent's status starts when its endpoint did not start, and how it words a taken port. */
    private static final String ENDPOINT_FAILED = "endpoint failed";
    private static final String PORT_TAKEN = "Address already in use";

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
            // Text from the target is escaped where it enters a message; the usage text keeps its lines.
            System.err.println("portwatch: " + Printable.escapeKeepingLines(failed.getMessage()));
            code = failed.exitCode.code;
        }
        System.exit(code);
    }

    void run(List<String> args) throws CliException {
        if (args.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "no command\n" + USAGE);
        }
        CommandLine command = CommandLine.parse(args);
        switch (command.command()) {
            case HELP -> out.println(USAGE);
            case LIST -> list();
            case ATTACH -> attach(command.pid(), command.options());
            case CONNECTIONS -> connections(command.pid(), command.json());
            case WEAVE_CACHE -> weaveCache();
        }
    }

    /** Fills the woven classes' cache of the directory the options name (as for the agent) for this JDK. */
    private void weaveCache() throws CliException {
        Path directory;
        try {
            directory = ConfigParser.parse(null, System.getProperties(), System.getenv()).weaveCache();
        } catch (ConfigException bad) {
            throw new CliException(ExitCode.USAGE, bad.getMessage());
        }
        if (directory == null) {
            throw new CliException(ExitCode.USAGE, "weaveCache is off, or there is no home directory to put it "
                    + "in; name one with -Dportwatch.weaveCache=<absolute path>");
        }
        try {
            out.println("portwatch: the socket classes of this JDK are woven into " + WeaveCacheFill.fill(directory));
        } catch (IllegalStateException refused) {
            throw new CliException(ExitCode.USAGE, refused.getMessage());
        }
    }

    private void list() {
        List<PerfDataFiles.LocalJvm> jvms = PerfDataFiles.list(Path.of("/tmp"),
                Set.of(MAIN_CLASS_COUNTER, TargetJvm.ENDPOINT_PROPERTY, TargetJvm.STATUS_PROPERTY));
        long self = ProcessHandle.current().pid();
        List<JvmListing.Jvm> rows = new ArrayList<>();
        for (PerfDataFiles.LocalJvm jvm : jvms) {
            if (jvm.pid() == self) {
                continue;
            }
            String endpoint = jvm.strings().get(TargetJvm.ENDPOINT_PROPERTY);
            String status = jvm.strings().get(TargetJvm.STATUS_PROPERTY);
            String portwatch = endpoint != null ? endpoint + "/connections"
                    : status != null ? status : "-";
            String command = jvm.strings().getOrDefault(MAIN_CLASS_COUNTER, "").strip();
            String mainClass = command.isEmpty() ? "(unknown)" : command.split(" ")[0];
            rows.add(new JvmListing.Jvm(jvm.pid(), portwatch, mainClass));
        }
        JvmListing.lines(rows).forEach(out::println);
    }

    private void attach(long pid, String options) throws CliException {
        Attached attached = ensureAttached(pid, options);
        URI endpoint = AdvertisedEndpoint.verify(pid, attached.endpoint());
        if (attached.wasRunning()) {
            out.println("portwatch is already running in JVM " + pid + "; nothing to do");
        }
        out.println("portwatch is recording sockets in JVM " + pid + ": " + endpoint + "/connections");
    }

    private void connections(long pid, boolean json) throws CliException {
        URI endpoint = AdvertisedEndpoint.verify(pid, ensureAttached(pid, "").endpoint());
        String page = EndpointClient.fetch(endpoint, json ? "/connections.json" : "/connections",
                System.getenv("PORTWATCH_TOKEN"));
        // The table comes from another process: whatever it holds, no control character reaches the terminal.
        out.print(Printable.escapeKeepingLines(page));
    }

    /** The endpoint a JVM advertises (unverified), and whether portwatch ran there before this command. */
    private record Attached(String endpoint, boolean wasRunning) {}

    /**
     * Attaches unless portwatch already runs in the JVM with an endpoint. Where it runs but its endpoint failed,
     * loading it again starts the endpoint on the port asked for: the agent keeps recording, and only the port
     * changes.
     */
    private static Attached ensureAttached(long pid, String options) throws CliException {
        String withPort = validated(options);
        requireAttachModule();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Properties properties = target.systemProperties();
            String endpoint = properties.getProperty(TargetJvm.ENDPOINT_PROPERTY);
            if (endpoint != null) {
                return new Attached(endpoint, true);
            }
            String status = properties.getProperty(TargetJvm.STATUS_PROPERTY);
            boolean endpointFailed = status != null && status.startsWith(ENDPOINT_FAILED);
            if (endpointFailed) {
                requireOnlyPort(pid, options);
            }
            if (status == null || endpointFailed) {
                target.loadAgent(agentJar(), withPort);
            }
            return new Attached(awaitEndpoint(target, pid), false);
        }
    }

    /** A running agent can start its failed endpoint on another port; every other option was fixed at its start. */
    private static void requireOnlyPort(long pid, String options) throws CliException {
        List<String> others = Arrays.stream(options.split(","))
                .map(pair -> pair.split("=", 2)[0].trim())
                .filter(key -> !key.isEmpty() && !key.equals("port"))
                .toList();
        if (!others.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "portwatch already runs in JVM " + pid + " (its endpoint failed): "
                    + "only port= can be given now, not " + Printable.escape(String.join(", ", others)));
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
            if (status != null && status.startsWith(ENDPOINT_FAILED)) {
                // Another port cures a taken port only: any other failure is not told to try one.
                String cure = status.contains(PORT_TAKEN)
                        ? "; attach again with another port= (port=0: any free one)" : "; see that JVM's stderr";
                throw new CliException(ExitCode.AGENT_FAILED, "portwatch is loaded in JVM " + pid + " but its "
                        + Printable.escape(status) + cure);
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
            ConfigParser.parse(options, new Properties(), Map.of()).warnings()
                    .forEach(warning -> System.err.println("portwatch: " + warning));
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

    private static String agentJar() throws CliException {
        try {
            return Path.of(PortwatchCli.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException(ExitCode.AGENT_FAILED, "cannot locate the agent jar (" + e.getMessage() + ")");
        }
    }

}
