package dev.portwatch.config;

import dev.portwatch.log.Printable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the options from their three sources, in order of precedence: agent arguments
 * ({@code host=0.0.0.0,port=9465}), system properties ({@code -Dportwatch.port=9465}), then the environment
 * ({@code PORTWATCH_PORT=9465}). Every error names the option, where it came from, and what it accepts.
 */
public final class ConfigParser {

    /** The characters a host may have (a name, an IPv4 or a bracketed IPv6 address with a zone): 1 to 253. */
    private static final String HOST_PUNCTUATION = ".:-[]%_";
    private static final long MAX_RETENTION_MILLIS = Duration.ofHours(1).toMillis();

    private ConfigParser() {}

    /** Every option, the secrets read (their files, the keystore): see {@link #parseWithoutSecrets}. */
    public static AgentConfig parse(String agentArguments, Properties systemProperties,
                                    Map<String, String> environment) throws ConfigException {
        return parseWithoutSecrets(agentArguments, systemProperties, environment)
                .withSecretsOf(secretsGiven(agentArguments, systemProperties, environment));
    }

    /**
     * Every option but the secrets, which are left unread ({@link AgentConfig#secretsPending} says whether any is
     * given): this reads no file. The agent's start with the JVM may run it on an application's thread inside the
     * load of a socket class; reading a file through NIO there would load a socket class (JDK 25) and a keystore
     * initialises {@code java.security.Security}, either of which that or another thread may hold.
     */
    public static AgentConfig parseWithoutSecrets(String agentArguments, Properties systemProperties,
                                                  Map<String, String> environment) throws ConfigException {
        Map<Option, Sourced> values = values(agentArguments, systemProperties, environment);
        OpenerMode openers = openers(values);
        boolean secrets = false;
        for (Option secret : SecretOptions.OPTIONS) {
            secrets |= values.containsKey(secret);
        }
        return new AgentConfig(
                bool(Option.ENABLED, values),
                host(values),
                (int) number(Option.PORT, values, 0, 65535),
                openers,
                duration(Option.CLOSED_RETENTION, values),
                (int) number(Option.MAX_ROWS, values, 100, 1_000_000),
                null,
                null,
                List.of(),
                weaveCache(values, systemProperties, environment),
                values.containsKey(Option.WEAVE_CACHE),
                secrets);
    }

    /**
     * The secrets as the options give them: the token read (from its file), the keystore loaded, and the warnings
     * about where they are kept. The sources are those {@link #parseWithoutSecrets} accepted.
     */
    public static Secrets secretsGiven(String agentArguments, Properties systemProperties,
                                       Map<String, String> environment) throws ConfigException {
        Map<Option, Sourced> values = values(agentArguments, systemProperties, environment);
        List<String> warnings = new ArrayList<>();
        String token = SecretOptions.token(values, warnings);
        TlsKeystore tls = SecretOptions.tls(values, warnings);
        return new Secrets(token, tls, List.copyOf(warnings));
    }

    /** Each option given, from the source that wins. */
    private static Map<Option, Sourced> values(String agentArguments, Properties systemProperties,
                                               Map<String, String> environment) throws ConfigException {
        Map<Option, Sourced> values = new EnumMap<>(Option.class);
        for (Option option : Option.values()) {
            String fromEnvironment = environment.get(option.environmentVariable());
            if (fromEnvironment != null) {
                values.put(option, new Sourced(fromEnvironment, "environment variable "
                        + option.environmentVariable(), false));
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (!name.startsWith("portwatch.") || name.equals(AgentConfig.PUBLISHED_ENDPOINT_PROPERTY)
                    || name.equals(AgentConfig.PUBLISHED_STATUS_PROPERTY)) {
                continue;
            }
            Option option = Option.byKey(name.substring("portwatch.".length()));
            if (option == null) {
                String key = name.substring("portwatch.".length());
                throw new ConfigException("unknown option '" + printable(name) + "' (system property); "
                        + NearestName.hint(key, Option.keys()) + "accepted: " + Option.allKeys());
            }
            values.put(option, new Sourced(systemProperties.getProperty(name), "system property " + name, true));
        }
        parseAgentArguments(agentArguments, values);
        return values;
    }

    private static void parseAgentArguments(String arguments, Map<Option, Sourced> values)
            throws ConfigException {
        if (arguments == null || arguments.isBlank()) {
            return;
        }
        boolean afterToken = false;
        for (String pair : arguments.split(",", -1)) {
            String trimmed = pair.trim();
            int equals = trimmed.indexOf('=');
            String key = equals <= 0 ? null : trimmed.substring(0, equals).trim();
            Option option = key == null ? null : Option.byKey(key);
            if (option == null && afterToken) {
                // A token cannot hold a comma, but one may have been written with one: what follows it may be the
                // rest of the secret, so it is not shown.
                throw new ConfigException("agent argument after token is not a known key=value option (not "
                        + "shown: a token cannot contain commas, so it may be part of one); accepted: "
                        + Option.allKeys());
            }
            if (key == null) {
                // Short: the escaped argument may take up to 64 six-character escapes of the line.
                throw new ConfigException("agent argument '" + printable(trimmed) + "' is not key=value (accepted: "
                        + Option.allKeys() + ")");
            }
            if (option == null) {
                throw new ConfigException("unknown option '" + printable(key) + "' (agent argument); "
                        + NearestName.hint(key, Option.keys()) + "accepted: " + Option.allKeys());
            }
            values.put(option, new Sourced(trimmed.substring(equals + 1).trim(), "agent argument " + key, true));
            afterToken = option == Option.TOKEN || option == Option.TLS_KEYSTORE_PASSWORD;
        }
    }

    private static String valueOf(Option option, Map<Option, Sourced> values) {
        Sourced sourced = values.get(option);
        return sourced == null ? option.defaultValue() : sourced.value;
    }

    static ConfigException bad(Option option, Map<Option, Sourced> values) {
        Sourced sourced = values.get(option);
        return new ConfigException("bad value '" + printable(sourced.value) + "' for " + option.key() + " ("
                + sourced.source + "); accepted: " + option.accepts());
    }

    private static boolean bool(Option option, Map<Option, Sourced> values) throws ConfigException {
        String value = valueOf(option, values).toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw bad(option, values);
    }

    /**
     * {@code stacks} and {@code openers} as one mode. {@code openers=thread} reads no stack, so it cannot go with
     * {@code stacks=true}, which keeps one.
     */
    private static OpenerMode openers(Map<Option, Sourced> values) throws ConfigException {
        boolean stacks = bool(Option.STACKS, values);
        String value = valueOf(Option.OPENERS, values).toLowerCase(Locale.ROOT);
        if (!value.equals("stack") && !value.equals("thread")) {
            throw bad(Option.OPENERS, values);
        }
        if (value.equals("thread")) {
            if (stacks) {
                throw new ConfigException("set stacks=true or openers=thread, not both (openers=thread reads no "
                        + "stack)");
            }
            return OpenerMode.THREAD;
        }
        return stacks ? OpenerMode.FULL_STACK : OpenerMode.STACK;
    }

    private static long number(Option option, Map<Option, Sourced> values, long min, long max)
            throws ConfigException {
        String value = valueOf(option, values);
        if (value.isEmpty() || digitsIn(value, 0) != value.length() || value.length() > 10) {
            throw bad(option, values);
        }
        long parsed = Long.parseLong(value);
        if (parsed < min || parsed > max) {
            throw bad(option, values);
        }
        return parsed;
    }

    private static String host(Map<Option, Sourced> values) throws ConfigException {
        String value = valueOf(Option.HOST, values);
        if (!isHost(value)) {
            throw bad(Option.HOST, values);
        }
        return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * The directory of the woven classes' cache: the one named, null for {@code off}, else the user's cache
     * directory (XDG's, else ~/.cache), or null when there is neither.
     */
    private static Path weaveCache(Map<Option, Sourced> values, Properties systemProperties,
                                   Map<String, String> environment) throws ConfigException {
        if (!values.containsKey(Option.WEAVE_CACHE)) {
            String xdg = environment.get("XDG_CACHE_HOME");
            String home = systemProperties.getProperty("user.home");
            Path base = absolute(xdg) != null ? absolute(xdg) : absolute(home) == null ? null
                    : absolute(home).resolve(".cache");
            return base == null ? null : base.resolve("portwatch");
        }
        String value = valueOf(Option.WEAVE_CACHE, values);
        if (value.equalsIgnoreCase("off")) {
            return null;
        }
        Path path = absolute(value);
        if (path == null) {
            throw bad(Option.WEAVE_CACHE, values);
        }
        return path;
    }

    /** The absolute path {@code value} names; null for none, a relative one or one the file system refuses. */
    private static Path absolute(String value) {
        if (value == null || value.isEmpty() || value.length() > 4096) {
            return null;
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? path.normalize() : null;
        } catch (InvalidPathException refused) {
            return null;
        }
    }

    private static Duration duration(Option option, Map<Option, Sourced> values) throws ConfigException {
        String value = valueOf(option, values);
        int digits = digitsIn(value, 0);
        String unit = digits == value.length() ? "s" : value.substring(digits);
        boolean knownUnit = unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h");
        if (digits == 0 || digits > 9 || !knownUnit) {
            throw bad(option, values);
        }
        long amount = Long.parseLong(value.substring(0, digits));
        long millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        if (millis > MAX_RETENTION_MILLIS) {
            throw bad(option, values);
        }
        return Duration.ofMillis(millis);
    }

    /*
     * Hand-written checks rather than regular expressions: the options are parsed in premain, before the
     * application's main, where java.util.regex would load and initialise some thirty classes.
     */

    /** How many ASCII digits {@code value} has from {@code from} on, up to the first other character. */
    private static int digitsIn(String value, int from) {
        int at = from;
        while (at < value.length() && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
            at++;
        }
        return at - from;
    }

    private static boolean isHost(String value) {
        if (value.isEmpty() || value.length() > 253) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && HOST_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Keeps an error message on one line and short, whatever the input holds. */
    static String printable(String raw) {
        boolean cut = raw.codePointCount(0, raw.length()) > 64;
        return Printable.escape(cut ? raw.substring(0, raw.offsetByCodePoints(0, 64)) : raw) + (cut ? "..." : "");
    }

    /** An option's value and where it came from; {@code onCommandLine} for agent arguments and -D properties. */
    record Sourced(String value, String source, boolean onCommandLine) {}
}
