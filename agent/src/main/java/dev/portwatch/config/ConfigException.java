package dev.portwatch.config;

/** A bad option: the message is one line that names the option and what it accepts. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
