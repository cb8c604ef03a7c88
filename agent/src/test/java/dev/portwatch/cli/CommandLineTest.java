package dev.portwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void everyCommandWithWhatItTakes() throws CliException {
        assertEquals(new CommandLine(CommandLine.Command.LIST, 0, "", false), parse("list"));
        assertEquals(new CommandLine(CommandLine.Command.HELP, 0, "", false), parse("--help"));
        assertEquals(new CommandLine(CommandLine.Command.WEAVE_CACHE, 0, "", false), parse("weave-cache"));
        assertEquals(new CommandLine(CommandLine.Command.ATTACH, 42, "", false), parse("attach 42"));
        assertEquals(new CommandLine(CommandLine.Command.ATTACH, 42, "port=0,stacks=true", false),
                parse("attach 42 port=0,stacks=true"));
        assertEquals(new CommandLine(CommandLine.Command.CONNECTIONS, 42, "", false), parse("connections 42"));
        assertEquals(new CommandLine(CommandLine.Command.CONNECTIONS, 42, "", true), parse("connections 42 --json"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "conections 42 | unknown command 'conections'; did you mean 'connections'? accepted: list, attach, "
                    + "connections, weave-cache, --help",
            "frobnicate | unknown command 'frobnicate'; accepted: list, attach, connections, weave-cache, --help",
            "connections 42 --jsn | unknown flag '--jsn' for connections; did you mean '--json'? accepted: --json",
            "connections 42 --verbose | unknown flag '--verbose' for connections; accepted: --json",
            "connections 42 json | surplus argument 'json'; did you mean '--json'? connections takes <pid> and "
                    + "--json, once",
            "connections 42 --json --json | surplus argument '--json'; connections takes <pid> and --json, once",
            "connections 42 --json extra | surplus argument 'extra'; connections takes <pid> and --json, once",
            "attach 42 port=0 extra | surplus argument 'extra'; attach takes <pid> and one argument of options, "
                    + "key=value,key=value",
            "attach 42 --prot=1 | unknown flag '--prot=1' for attach: it takes options as key=value,key=value; "
                    + "did you mean 'port'? accepted: enabled, host, port, stacks, openers, closedRetention, maxRows, "
                    + "token, tokenFile, tlsKeystore, tlsKeystorePassword, tlsKeystorePasswordFile, weaveCache",
            "list 42 | surplus argument '42'; list takes no arguments",
            "weave-cache /tmp/c | surplus argument '/tmp/c'; weave-cache takes no arguments (its directory: "
                    + "-Dportwatch.weaveCache=<dir>)",
            "--help attach | surplus argument 'attach'; --help takes no arguments",
            "attach | attach needs a pid; see --help",
            "connections twelve | 'twelve' is not a pid (a whole number)",
    })
    void whatItDoesNotKnowIsAUsageErrorOfOneLine(String args, String message) {
        CliException refused = assertThrows(CliException.class, () -> parse(args));
        assertEquals(ExitCode.USAGE, refused.exitCode);
        assertEquals(message, refused.getMessage());
    }

    @Test
    void hostileArgumentsAreEscapedIntoOneLine() {
        CliException refused = assertThrows(CliException.class,
                () -> CommandLine.parse(List.of("connections", "42", "--x\n\u001b[2Jy")));
        assertFalse(refused.getMessage().contains("\n") || refused.getMessage().contains("\u001b"),
                refused.getMessage());
        assertTrue(refused.getMessage().startsWith("unknown flag '--x\\u000a\\u001b[2Jy' "), refused.getMessage());
    }

    private static CommandLine parse(String args) throws CliException {
        return CommandLine.parse(Arrays.asList(args.split(" ")));
    }
}
