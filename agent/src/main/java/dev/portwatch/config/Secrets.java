package dev.portwatch.config;

import java.util.List;

/**
 * The endpoint's secrets as read from the options ({@link ConfigParser#secretsGiven}): the token (null: none), the
 * TLS identity (null: plain HTTP), and the warnings about where they are kept. Never prints the token.
 */
public record Secrets(String token, TlsKeystore tls, List<String> warnings) {

    @Override
    public String toString() {
        return "Secrets[token=" + (token == null ? "none" : "set") + ", tls=" + (tls == null ? "off" : tls)
                + ", warnings=" + warnings.size() + "]";
    }
}
