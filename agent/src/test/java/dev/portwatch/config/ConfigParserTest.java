package dev.portwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigParserTest {

    enum Source { ARGUMENT, SYSTEM_PROPERTY, ENVIRONMENT }

    static AgentConfig parse(String arguments) throws ConfigException {
        return ConfigParser.parse(arguments, new Properties(), Map.of());
    }

    static AgentConfig parse(Source source, Option option, String value) throws ConfigException {
        Properties properties = new Properties();
        return switch (source) {
            case ARGUMENT -> ConfigParser.parse(option.key() + "=" + value, properties, Map.of());
            case SYSTEM_PROPERTY -> {
                properties.setProperty(option.systemProperty(), value);
                yield ConfigParser.parse(null, properties, Map.of());
            }
            case ENVIRONMENT -> ConfigParser.parse("", properties, Map.of(option.environmentVariable(), value));
        };
    }

    /** Asserts the message promise: one printable line, short, naming what is accepted. */
    static void assertOneShortLine(String message) {
        assertTrue(message.chars().noneMatch(Character::isISOControl), () -> "control character in " + message);
        assertTrue(message.length() < 300, () -> message.length() + " characters: " + message);
        assertTrue(message.contains("accepted"), () -> "does not say what is accepted: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "  "})
    void defaults(String arguments) throws ConfigException {
        AgentConfig expected = new AgentConfig(true, "127.0.0.1", 9465, OpenerMode.STACK, Duration.ofSeconds(5), 20000, null, null,
                List.of());

        assertEquals(expected, parse(arguments));
        assertEquals(expected, parse(null));
        assertEquals(expected, AgentConfig.defaults());
    }

    static Stream<Arguments> everyOptionFromEverySource() {
        Object[][] options = {
            {Option.ENABLED, "false", (Function<AgentConfig, Object>) AgentConfig::enabled, false},
            {Option.ENABLED, "TRUE", (Function<AgentConfig, Object>) AgentConfig::enabled, true},
            {Option.HOST, "0.0.0.0", (Function<AgentConfig, Object>) AgentConfig::host, "0.0.0.0"},
            {Option.HOST, "[::1]", (Function<AgentConfig, Object>) AgentConfig::host, "::1"},
            {Option.HOST, "metrics.internal", (Function<AgentConfig, Object>) AgentConfig::host, "metrics.internal"},
            {Option.PORT, "0", (Function<AgentConfig, Object>) AgentConfig::port, 0},
            {Option.PORT, "65535", (Function<AgentConfig, Object>) AgentConfig::port, 65535},
            {Option.STACKS, "true", (Function<AgentConfig, Object>) AgentConfig::openers, OpenerMode.FULL_STACK},
            {Option.STACKS, "false", (Function<AgentConfig, Object>) AgentConfig::openers, OpenerMode.STACK},
            {Option.OPENERS, "thread", (Function<AgentConfig, Object>) AgentConfig::openers, OpenerMode.THREAD},
            {Option.OPENERS, "Thread", (Function<AgentConfig, Object>) AgentConfig::openers, OpenerMode.THREAD},
            {Option.OPENERS, "stack", (Function<AgentConfig, Object>) AgentConfig::openers, OpenerMode.STACK},
            {Option.CLOSED_RETENTION, "2m", (Function<AgentConfig, Object>) AgentConfig::closedRetention,
                Duration.ofMinutes(2)},
            {Option.MAX_ROWS, "100", (Function<AgentConfig, Object>) AgentConfig::maxRows, 100},
            {Option.MAX_ROWS, "1000000", (Function<AgentConfig, Object>) AgentConfig::maxRows, 1_000_000},
            {Option.WEAVE_CACHE, "off", (Function<AgentConfig, Object>) AgentConfig::weaveCache, null},
            {Option.WEAVE_CACHE, "/var/cache/pw/../portwatch", (Function<AgentConfig, Object>) AgentConfig::weaveCache,
                Path.of("/var/cache/portwatch")},
            {Option.WEAVE_CACHE, "/tmp/pw", (Function<AgentConfig, Object>) AgentConfig::weaveCacheChosen, true},
        };
        return Stream.of(Source.values()).flatMap(source -> Stream.of(options)
                .map(o -> Arguments.of(source, o[0], o[1], o[2], o[3])));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource
    void everyOptionFromEverySource(Source source, Option option, String value,
                                    Function<AgentConfig, Object> read, Object expected) throws ConfigException {
        assertEquals(expected, read.apply(parse(source, option, value)));
    }

    @ParameterizedTest(name = "args={0} property={1} env={2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            3333, 2222, 1111, 3333
            -,    2222, 1111, 2222
            -,    -,    1111, 1111
            3333, -,    1111, 3333
            3333, 2222, -,    3333
            -,    -,    -,    9465
            """)
    void argumentsBeatSystemPropertiesBeatEnvironment(String argument, String property, String environment,
                                                      int expected) throws ConfigException {
        Properties properties = new Properties();
        if (property != null) {
            properties.setProperty("portwatch.port", property);
        }
        Map<String, String> env = environment == null ? Map.of() : Map.of("PORTWATCH_PORT", environment);

        AgentConfig config = ConfigParser.parse(argument == null ? "" : "port=" + argument, properties, env);

        assertEquals(expected, config.port());
    }

    @ParameterizedTest(name = "XDG_CACHE_HOME={0} user.home={1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            /x/cache, /home/u, /x/cache/portwatch
            -,        /home/u, /home/u/.cache/portwatch
            relative, /home/u, /home/u/.cache/portwatch
            '',       /home/u, /home/u/.cache/portwatch
            -,        -,       -
            -,        '?',     -
            """)
    void theWeaveCacheIsTheUsersCacheDirectoryByDefault(String xdg, String home, String expected)
            throws ConfigException {
        Properties properties = new Properties();
        if (home != null) {
            properties.setProperty("user.home", home);
        }
        Map<String, String> env = xdg == null ? Map.of() : Map.of("XDG_CACHE_HOME", xdg);

        AgentConfig config = ConfigParser.parse("", properties, env);

        assertEquals(expected == null ? null : Path.of(expected), config.weaveCache());
        assertEquals(false, config.weaveCacheChosen());
    }

    @Test
    void theWeaveCacheOptionBeatsTheDefault() throws ConfigException {
        Properties properties = new Properties();
        properties.setProperty("user.home", "/home/u");

        assertEquals(null, ConfigParser.parse("weaveCache=off", properties, Map.of()).weaveCache());
        assertEquals(Path.of("/c"), ConfigParser.parse("", properties, Map.of("PORTWATCH_WEAVE_CACHE", "/c"))
                .weaveCache());
    }

    @Test
    void precedenceIsPerOption() throws ConfigException {
        Properties properties = new Properties();
        properties.setProperty("portwatch.closedRetention", "10s");
        Map<String, String> env = Map.of("PORTWATCH_CLOSED_RETENTION", "20s", "PORTWATCH_MAX_ROWS", "500",
                "PORTWATCH_PORT", "1111");

        AgentConfig config = ConfigParser.parse("port=3333", properties, env);

        assertEquals(3333, config.port());
        assertEquals(Duration.ofSeconds(10), config.closedRetention());
        assertEquals(500, config.maxRows());
    }

    @Test
    void unrelatedEnvironmentVariablesAndPropertiesAreIgnored() throws ConfigException {
        Properties properties = new Properties();
        properties.setProperty("java.version", "17");
        properties.setProperty("portwatchport", "1");
        Map<String, String> env = Map.of("PORTWATCH_FOO", "1", "portwatch_port", "1", "PATH", "/bin");

        assertEquals(AgentConfig.defaults(), ConfigParser.parse("", properties, env));
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({
        "500ms, 500",
        "0, 0",
        "0s, 0",
        "5s, 5000",
        "30, 30000",
        "2m, 120000",
        "60m, 3600000",
        "3600s, 3600000",
        "1h, 3600000",
    })
    void durations(String value, long millis) throws ConfigException {
        assertEquals(Duration.ofMillis(millis), parse("closedRetention=" + value).closedRetention());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"2h", "61m", "3601s", "3600001ms", "1.5s", "-1s", "s", "5d", "5 s", "5S", "",
        "9999999999h", "ms", "1h1", "\u0665s"})
    void badDurations(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("closedRetention=" + value));
        assertTrue(e.getMessage().contains("closedRetention"), e.getMessage());
        assertTrue(e.getMessage().contains(Option.CLOSED_RETENTION.accepts()), e.getMessage());
        assertOneShortLine(e.getMessage());
    }

    @Test
    void openersAreTheStacksByDefault() throws ConfigException {
        assertEquals(OpenerMode.STACK, parse("").openers());
        assertEquals(OpenerMode.FULL_STACK, parse("stacks=true,openers=stack").openers());
        assertEquals(OpenerMode.THREAD, parse("stacks=false,openers=thread").openers());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "threads", "off", "none", "stacks", "thread1", "\u0442hread"})
    void badOpeners(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("openers=" + value));
        assertTrue(e.getMessage().startsWith("bad value '"), e.getMessage());
        assertTrue(e.getMessage().contains("for openers (agent argument openers); accepted: stack or thread"),
                e.getMessage());
        assertOneShortLine(e.getMessage());
    }

    @Test
    void threadOpenersReadNoStackSoNotWithFullStacks() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse("openers=thread",
                new Properties(), Map.of("PORTWATCH_STACKS", "true")));
        assertEquals("set stacks=true or openers=thread, not both (openers=thread reads no stack)", e.getMessage());
    }

    /** premain's gate may parse on an application's thread inside a socket class's load: no file is read there. */
    @Test
    void withoutSecretsNoSecretFileIsReadOnlyNoted(@TempDir Path dir) throws ConfigException {
        String missing = "tokenFile=" + dir.resolve("missing") + ",tlsKeystore=" + dir.resolve("missing.p12")
                + ",tlsKeystorePasswordFile=" + dir.resolve("missing-password");
        AgentConfig config = ConfigParser.parseWithoutSecrets("port=0," + missing, new Properties(), Map.of());
        assertTrue(config.secretsPending(), "a secret is given, not read");
        assertNull(config.token());
        assertNull(config.tls());
        assertEquals(List.of(), config.warnings());
        assertEquals(0, config.port());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.secretsGiven("port=0," + missing, new Properties(), Map.of()));
        assertTrue(e.getMessage().startsWith("cannot read tokenFile"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "port=0", "tokenFile=/nonexistent/token", "tlsKeystore=/nonexistent/k.p12",
        "tlsKeystorePasswordFile=/nonexistent/pw", "token=0123456789abcdef0123", "tlsKeystorePassword=x"})
    void whetherASecretIsPendingIsSaidWithoutReadingIt(String arguments) throws ConfigException {
        boolean given = arguments.contains("token") || arguments.contains("tls");
        assertEquals(given, ConfigParser.parseWithoutSecrets(arguments, new Properties(), Map.of()).secretsPending());
        Properties properties = new Properties();
        properties.setProperty("portwatch.tokenFile", "/nonexistent/token");
        assertTrue(ConfigParser.parseWithoutSecrets("", properties, Map.of()).secretsPending(), "from -D");
        assertTrue(ConfigParser.parseWithoutSecrets("", new Properties(), Map.of("PORTWATCH_TLS_KEYSTORE_PASSWORD",
                "x")).secretsPending(), "from the environment");
    }

    @Test
    void theTwoStepsGiveWhatOneParseGives(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "0123456789abcdef-token\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
        String arguments = "port=0,maxRows=500,tokenFile=" + tokenFile;
        AgentConfig once = parse(arguments);
        AgentConfig withoutSecrets = ConfigParser.parseWithoutSecrets(arguments, new Properties(), Map.of());
        Secrets secrets = ConfigParser.secretsGiven(arguments, new Properties(), Map.of());
        AgentConfig twice = withoutSecrets.withSecretsOf(secrets);
        assertEquals(once, twice);
        assertEquals("0123456789abcdef-token", twice.token());
        assertEquals(1, twice.warnings().size(), "the file others can read: " + twice.warnings());
        assertFalse(twice.secretsPending());
        assertFalse(secrets.toString().contains("0123456789abcdef-token"), "never prints the token: " + secrets);
    }

    @Test
    void aBadOptionBesideSecretsIsSaidWithoutReadingThem() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseWithoutSecrets(
                "port=99999,tokenFile=/nonexistent/token", new Properties(), Map.of()));
        assertTrue(e.getMessage().startsWith("bad value '99999' for port"), e.getMessage());
    }
}
