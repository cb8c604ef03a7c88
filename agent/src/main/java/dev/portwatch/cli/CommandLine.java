package dev.portwatch.cli;

import dev.portwatch.config.NearestName;
import dev.portwatch.config.Option;
import dev.portwatch.log.Printable;
import java.util.Arrays;
import java.util.List;

/**
 * The CLI's arguments, checked before anything is done: a command it knows, a pid where one is needed, and nothing
 * it does not know. A typo is rejected with the nearest name it may have meant, never silently ignored: a
 * {@code --jsn} that printed the text table would leave a script parsing the wrong format.
 */
record CommandLine(Command command, long pid, String options, boolean json) {

    enum Command {
        LIST("list"), ATTACH("attach"), CONNECTIONS("connections"), WEAVE_CACHE("weave-cache"), HELP("--help");

        final String spelling;

        Command(String spelling) {
            this.spelling = spelling;
        }
    }

    private static final List<String> COMMANDS = Arrays.stream(Command.values()).map(c -> c.spelling).toList();
    private static final String JSON = "--json";

    /** Parses a non-empty argument list. */
    static CommandLine parse(List<String> args) throws CliException {
        String name = args.get(0);
        return switch (name) {
            case "--help", "-h", "help" -> alone(Command.HELP, args);
            case "list" -> alone(Command.LIST, args);
            case "attach" -> attach(args);
            case "connections" -> connections(args);
            case "weave-cache" -> alone(Command.WEAVE_CACHE, args);
            default -> throw usage("unknown command '" + Printable.escape(name) + "'; "
                    + NearestName.hint(name, COMMANDS) + "accepted: " + String.join(", ", COMMANDS));
        };
    }

    private static CommandLine alone(Command command, List<String> args) throws CliException {
        if (args.size() > 1) {
            throw surplus(command, args.get(1));
        }
        return new CommandLine(command, 0, "", false);
    }

    private static CommandLine attach(List<String> args) throws CliException {
        long pid = pid(args);
        if (args.size() < 3) {
            return new CommandLine(Command.ATTACH, pid, "", false);
        }
        String options = args.get(2);
        if (options.startsWith("-")) {
            String key = options.replaceFirst("^-+", "").split("=", 2)[0];
            throw usage("unknown flag '" + Printable.escape(options) + "' for attach: it takes options as "
                    + "key=value,key=value; " + NearestName.hint(key, optionKeys()) + "accepted: "
                    + String.join(", ", optionKeys()));
        }
        if (args.size() > 3) {
            throw surplus(Command.ATTACH, args.get(3));
        }
        return new CommandLine(Command.ATTACH, pid, options, false);
    }

    private static CommandLine connections(List<String> args) throws CliException {
        long pid = pid(args);
        boolean json = false;
        for (String arg : args.subList(2, args.size())) {
            if (arg.equals(JSON) && !json) {
                json = true;
            } else if (arg.startsWith("-") && !arg.equals(JSON)) {
                throw usage("unknown flag '" + Printable.escape(arg) + "' for connections; "
                        + NearestName.hint(arg, List.of(JSON)) + "accepted: " + JSON);
            } else {
                throw surplus(Command.CONNECTIONS, arg);
            }
        }
        return new CommandLine(Command.CONNECTIONS, pid, "", json);
    }

    private static CliException surplus(Command command, String arg) {
        String syntax = switch (command) {
            case HELP -> "--help takes no arguments";
            case LIST -> "list takes no arguments";
            case ATTACH -> "attach takes <pid> and one argument of options, key=value,key=value";
            case CONNECTIONS -> "connections takes <pid> and --json, once";
            case WEAVE_CACHE -> "weave-cache takes no arguments (its directory: -Dportwatch.weaveCache=<dir>)";
        };
        String hint = command == Command.CONNECTIONS ? NearestName.hint(arg, List.of(JSON)) : "";
        return usage("surplus argument '" + Printable.escape(arg) + "'; " + hint + syntax);
    }

    private static long pid(List<String> args) throws CliException {
        if (args.size() < 2) {
            throw usage(args.get(0) + " needs a pid; see --help");
        }
        try {
            return Long.parseLong(args.get(1));
        } catch (NumberFormatException notANumber) {
            throw usage("'" + Printable.escape(args.get(1)) + "' is not a pid (a whole number)");
        }
    }

    private static List<String> optionKeys() {
        return Arrays.stream(Option.values()).map(Option::key).toList();
    }

    private static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
