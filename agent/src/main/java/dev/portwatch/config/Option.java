package dev.portwatch.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every option portwatch accepts, with its three spellings and what values it takes. */
public enum Option {
    ENABLED("enabled", "true or false", "true"),
    HOST("host", "an IP address or host name to bind the endpoint to", "127.0.0.1"),
    PORT("port", "a TCP port from 0 to 65535 (0 picks a free one)", "9465"),
    STACKS("stacks", "true or false (record the full opening stack of every socket)", "false"),
    OPENERS("openers", "stack or thread (thread: name each socket's opener by its thread, reading no stack)",
            "stack"),
    CLOSED_RETENTION("closedRetention", "a duration from 0s to 1h, like 500ms, 5s or 2m", "5s"),
    MAX_ROWS("maxRows", "a whole number from 100 to 1000000", "20000"),
    TOKEN("token", "a secret of 16 to 256 printable characters without commas or spaces", ""),
    TOKEN_FILE("tokenFile", "a readable file whose first line is the token", ""),
    TLS_KEYSTORE("tlsKeystore", "a readable PKCS#12 keystore holding the endpoint's private key and certificate", ""),
    TLS_KEYSTORE_PASSWORD("tlsKeystorePassword", "the keystore's password, best from the environment variable "
            + "PORTWATCH_TLS_KEYSTORE_PASSWORD", ""),
    TLS_KEYSTORE_PASSWORD_FILE("tlsKeystorePasswordFile", "a readable file whose first line is the keystore's "
            + "password", ""),
    /** Its default depends on the user (XDG_CACHE_HOME or the home directory), so it is computed, not written here. */
    WEAVE_CACHE("weaveCache", "off, or an absolute path of a directory only its owner can write (default "
            + "$XDG_CACHE_HOME/portwatch or ~/.cache/portwatch)", "");

    private final String key;
    private final String accepts;
    private final String defaultValue;

    Option(String key, String accepts, String defaultValue) {
        this.key = key;
        this.accepts = accepts;
        this.defaultValue = defaultValue;
    }

    /** The agent-argument spelling: {@code closedRetention}. */
    public String key() {
        return key;
    }

    /** {@code portwatch.closedRetention}. */
    public String systemProperty() {
        return "portwatch." + key;
    }

    /** {@code PORTWATCH_CLOSED_RETENTION}. */
    public String environmentVariable() {
        // A loop, not replaceAll: the agent reads every option's variable while the JVM starts, and each regex
        // compiled there is start-up time.
        StringBuilder name = new StringBuilder("PORTWATCH_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (i > 0 && c >= 'A' && c <= 'Z' && key.charAt(i - 1) >= 'a' && key.charAt(i - 1) <= 'z') {
                name.append('_');
            }
            name.append(c);
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    public String accepts() {
        return accepts;
    }

    public String defaultValue() {
        return defaultValue;
    }

    static Option byKey(String key) {
        for (Option option : values()) {
            if (option.key.equals(key)) {
                return option;
            }
        }
        return null;
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(Option::key).toList();
    }

    static String allKeys() {
        return Arrays.stream(values()).map(Option::key).collect(Collectors.joining(", "));
    }
}
