package dev.portwatch.config;

import static dev.portwatch.config.ConfigParserTest.assertOneShortLine;
import static dev.portwatch.config.ConfigParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigErrorsTest {

    /** What an unknown option's message lists as accepted: every option, in the order of {@link Option}. */
    private static final String EVERY_OPTION = "enabled, host, port, stacks, openers, closedRetention, maxRows, token, "
            + "tokenFile, tlsKeystore, tlsKeystorePassword, tlsKeystorePasswordFile, weaveCache";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            enabled=yes             | ENABLED
            enabled=                | ENABLED
            host=                   | HOST
            host=bad host           | HOST
            host=a/b                | HOST
            port=                   | PORT
            port=65536              | PORT
            port=99999              | PORT
            port=-1                 | PORT
            port=1e3                | PORT
            port=0x10               | PORT
            port=abc                | PORT
            port==1                 | PORT
            port=12345678901        | PORT
            stacks=1                | STACKS
            openers=threads         | OPENERS
            openers=                | OPENERS
            closedRetention=2h      | CLOSED_RETENTION
            maxRows=99              | MAX_ROWS
            maxRows=1000001         | MAX_ROWS
            maxRows=-5              | MAX_ROWS
            weaveCache=             | WEAVE_CACHE
            weaveCache=relative/dir | WEAVE_CACHE
            weaveCache=~/cache      | WEAVE_CACHE
            weaveCache=no           | WEAVE_CACHE
            """)
    void badValueNamesTheOptionAndWhatItAccepts(String arguments, Option option) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(arguments));

        String message = e.getMessage();
        assertTrue(message.contains(" for " + option.key() + " "), message);
        assertTrue(message.endsWith("accepted: " + option.accepts()), message);
        assertTrue(message.contains("agent argument"), message);
        assertOneShortLine(message);
    }

    @Test
    void badValueNamesItsSource() {
        ConfigException fromEnvironment = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("", new Properties(), Map.of("PORTWATCH_MAX_ROWS", "lots")));
        assertEquals("bad value 'lots' for maxRows (environment variable PORTWATCH_MAX_ROWS); accepted: "
                + Option.MAX_ROWS.accepts(), fromEnvironment.getMessage());

        Properties properties = new Properties();
        properties.setProperty("portwatch.port", "http");
        ConfigException fromProperty = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("", properties, Map.of()));
        assertEquals("bad value 'http' for port (system property portwatch.port); accepted: "
                + Option.PORT.accepts(), fromProperty.getMessage());
    }

    @Test
    void unknownArgumentKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("port=9465,prot=1"));
        assertEquals("unknown option 'prot' (agent argument); did you mean 'port'? accepted: " + EVERY_OPTION,
                e.getMessage());
    }

    @Test
    void unknownArgumentKeyFarFromEveryOptionGetsNoSuggestion() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("colour=blue"));
        assertEquals("unknown option 'colour' (agent argument); accepted: " + EVERY_OPTION, e.getMessage());
    }

    @Test
    void unknownSystemPropertySuggestsTheOption() {
        Properties properties = new Properties();
        properties.setProperty("portwatch.closedretention", "5s");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse("", properties, Map.of()));
        assertTrue(e.getMessage().startsWith("unknown option 'portwatch.closedretention' (system property); "
                + "did you mean 'closedRetention'? accepted: "), e.getMessage());
    }

    @Test
    void publishedEndpointPropertyIsIgnored() throws ConfigException {
        Properties properties = new Properties();
        properties.setProperty("portwatch.endpoint", "127.0.0.1:9465");

        assertEquals(AgentConfig.defaults(), ConfigParser.parse("", properties, Map.of()));
        assertEquals("portwatch.endpoint", AgentConfig.publishedEndpointProperty());
    }

    @Test
    void unknownPortwatchPropertyIsRejected() {
        Properties properties = new Properties();
        properties.setProperty("portwatch.foo", "1");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("", properties, Map.of()));

        assertTrue(e.getMessage().contains("'portwatch.foo'"), e.getMessage());
        assertTrue(e.getMessage().contains("system property"), e.getMessage());
        assertOneShortLine(e.getMessage());
    }

    @Test
    void unknownPropertyNameIsNotEchoedRaw() {
        for (String name : new String[] {"portwatch.fo\no", "portwatch.\u001b[2J", "portwatch." + "x".repeat(5000)}) {
            Properties properties = new Properties();
            properties.setProperty(name, "1");

            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigParser.parse("", properties, Map.of()));

            assertOneShortLine(e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ENABLED, PORTWATCH_ENABLED, portwatch.enabled",
        "HOST, PORTWATCH_HOST, portwatch.host",
        "PORT, PORTWATCH_PORT, portwatch.port",
        "STACKS, PORTWATCH_STACKS, portwatch.stacks",
        "CLOSED_RETENTION, PORTWATCH_CLOSED_RETENTION, portwatch.closedRetention",
        "MAX_ROWS, PORTWATCH_MAX_ROWS, portwatch.maxRows",
        "OPENERS, PORTWATCH_OPENERS, portwatch.openers",
        "WEAVE_CACHE, PORTWATCH_WEAVE_CACHE, portwatch.weaveCache",
    })
    void optionSpellings(Option option, String environmentVariable, String systemProperty) {
        assertEquals(environmentVariable, option.environmentVariable());
        assertEquals(systemProperty, option.systemProperty());
    }

    @ParameterizedTest
    @EnumSource(Option.class)
    void everyDefaultIsValidAndAnEmptyValueIsAnError(Option option) {
        if (!option.defaultValue().isEmpty()) {
            assertDoesNotThrow(() -> parse(option.key() + "=" + option.defaultValue()));
            return;
        }
        // An option whose default is "not set" (the secrets) cannot be set to nothing: that is a typo, not "off".
        ConfigException e = assertThrows(ConfigException.class, () -> parse(option.key() + "="));
        assertEquals("bad value '' for " + option.key() + " (agent argument " + option.key() + "); accepted: "
                + option.accepts(), e.getMessage());
    }

    enum Expect { PARSES, FAILS, EITHER }

    static Stream<Arguments> malformedArguments() {
        return Stream.of(
                Arguments.of(",", Expect.FAILS),
                Arguments.of("=", Expect.FAILS),
                Arguments.of("port", Expect.FAILS),
                Arguments.of("port=", Expect.FAILS),
                Arguments.of("=9465", Expect.FAILS),
                Arguments.of("port==1", Expect.FAILS),
                Arguments.of("port=99999", Expect.FAILS),
                Arguments.of("port=-1", Expect.FAILS),
                Arguments.of("port=1e3", Expect.FAILS),
                Arguments.of("maxRows=99", Expect.FAILS),
                Arguments.of("unknown=1", Expect.FAILS),
                Arguments.of("port=9465,,host=x", Expect.FAILS),
                Arguments.of("port=9465,", Expect.FAILS),
                Arguments.of("hôst=1", Expect.FAILS),
                Arguments.of("host=hôst", Expect.FAILS),
                Arguments.of("port=" + "9".repeat(10_000), Expect.FAILS),
                Arguments.of("host=" + "a".repeat(10_000), Expect.FAILS),
                Arguments.of("closedRetention=" + "1".repeat(5_000) + "ms", Expect.FAILS),
                Arguments.of("k".repeat(100_000) + "=1", Expect.FAILS),
                Arguments.of("x".repeat(100_000), Expect.FAILS),
                Arguments.of(",".repeat(1_000), Expect.FAILS),
                Arguments.of("port=94\u000065", Expect.FAILS),
                Arguments.of("host=a\nb", Expect.FAILS),
                Arguments.of("po\nrt=1", Expect.FAILS),
                Arguments.of("port=9465\r\nhost=x", Expect.FAILS),
                // trim() drops the leading ESC, and "[31mred" passes the loose host pattern
                Arguments.of("host=\u001b[31mred", Expect.EITHER),
                Arguments.of("enabled=true\u0085", Expect.FAILS),
                Arguments.of("host=a\u2028b", Expect.FAILS),
                Arguments.of("\u0007", Expect.FAILS),
                Arguments.of("\uD800=1", Expect.FAILS),
                Arguments.of("port=\uD83D\uDE00", Expect.FAILS),
                Arguments.of("", Expect.PARSES),
                Arguments.of(" port = 9465 , host = ::1 ", Expect.PARSES),
                Arguments.of("port=9465\n", Expect.PARSES),
                Arguments.of("\tstacks=true\t", Expect.PARSES),
                Arguments.of("port=1,port=2", Expect.PARSES));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("malformedArguments")
    void malformedArgumentsParseOrFailWithOneShortLine(String arguments, Expect expect) {
        try {
            parse(arguments);
            assertTrue(expect != Expect.FAILS, "expected a ConfigException");
        } catch (ConfigException e) {
            assertTrue(expect != Expect.PARSES, () -> "expected to parse: " + e.getMessage());
            assertOneShortLine(e.getMessage());
        }
    }
}
