package dev.portwatch.config;

import static dev.portwatch.config.ConfigParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A token is a secret: no configuration error shows it, or any part of it, whatever is wrong with it or around it.
 * And no input at all makes the parser fail otherwise than with one short line.
 */
class ConfigSecretsTest {

    private static final String FIRST = "s3cretPartOneXYZ";
    private static final String SECOND = "s3cretPartTwoQRS";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "token=" + FIRST + "," + SECOND,
        "token=" + FIRST + "," + SECOND + "=x",
        "port=0,token=" + FIRST + "," + SECOND + ",host=::1",
        "token=" + FIRST + " " + SECOND,
        "token=" + FIRST + "\n" + SECOND,
        "token=" + FIRST + SECOND + "\u00e9",
    })
    void aBadTokenArgumentIsNeverEchoed(String arguments) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(arguments));
        assertHidden(e.getMessage());
        assertTrue(e.getMessage().contains("token"), "names the option: " + e.getMessage());
    }

    @Test
    void aBadTokenFromAPropertyOrTheEnvironmentIsNeverEchoed() {
        Properties properties = new Properties();
        properties.setProperty("portwatch.token", FIRST + " " + SECOND);
        assertHidden(assertThrows(ConfigException.class,
                () -> ConfigParser.parse(null, properties, Map.of())).getMessage());
        assertHidden(assertThrows(ConfigException.class,
                () -> ConfigParser.parse(null, new Properties(), Map.of("PORTWATCH_TOKEN", FIRST + "," + SECOND)))
                .getMessage());
    }

    @Test
    void aBadTokenFileShowsItsPathButNotItsContent(@TempDir Path directory) throws IOException {
        for (String content : List.of(FIRST + " " + SECOND, "short" + SECOND.substring(0, 4), FIRST + "," + SECOND,
                FIRST + "\u0007" + SECOND)) {
            Path file = Files.writeString(directory.resolve("token"), content + "\n");
            ConfigException e = assertThrows(ConfigException.class, () -> parse("tokenFile=" + file));
            assertHidden(e.getMessage());
            assertFalse(e.getMessage().contains(content), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        }
        ConfigException unreadable = assertThrows(ConfigException.class, () -> parse("tokenFile=" + directory));
        assertTrue(unreadable.getMessage().contains("cannot read tokenFile"), unreadable.getMessage());
    }

    @Test
    void aGoodTokenIsNeverInTheConfigurationsText() throws ConfigException {
        AgentConfig config = parse("token=" + FIRST + SECOND);
        assertHidden(config.toString());
    }

    /** Seeded random agent arguments made of option names, separators and odd characters: one short line or a config. */
    @Test
    void randomArgumentsParseOrFailWithOneShortLine() {
        Random random = new Random(4242);
        String[] pieces = {"port", "host", "enabled", "stacks", "closedRetention", "maxRows", "token", "tokenFile",
            "=", "=", ",", ",", " ", "0", "1", "99999", "-", "ms", "h", "true", "false", "::1", "[", "]", "%",
            "\u00e9", "\u4e2d", "\uD83D\uDE00", "\u0000", "\n", "\t", "\u001b[31m", "\u2028", "\uff10", "..", "/"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder arguments = new StringBuilder();
            int length = random.nextInt(12);
            for (int p = 0; p < length; p++) {
                arguments.append(pieces[random.nextInt(pieces.length)]);
            }
            String input = arguments.toString();
            Executable attempt = () -> parse(input);
            try {
                attempt.execute();
            } catch (ConfigException e) {
                ConfigParserTest.assertOneShortLine(e.getMessage());
            } catch (Throwable other) {
                throw new AssertionError("'" + input + "' threw " + other, other);
            }
        }
    }

    private static void assertHidden(String message) {
        for (String part : List.of(FIRST, SECOND, "s3cret", "PartOne", "PartTwo")) {
            assertFalse(message.contains(part), () -> "'" + part + "' shown in: " + message);
        }
    }
}
