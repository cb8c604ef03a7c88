package dev.portwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's configuration: immutable, validated once at start. {@code tls} is null for plain HTTP;
 * {@code warnings} are the lines to print about options that work but put a secret at risk. {@code weaveCache} is
 * null when off (or when there is no home to put it in); {@code weaveCacheChosen} when the user named it, so that a
 * cache that cannot be used is worth a line. {@code openers}: how each socket's opener is found, from the options
 * {@code stacks} and {@code openers} together. {@code secretsPending}: a secret option is given but not read yet
 * ({@link ConfigParser#parseWithoutSecrets}); {@link #withSecretsOf} then gives the configuration with it.
 */
public record AgentConfig(boolean enabled, String host, int port, OpenerMode openers, Duration closedRetention,
                          int maxRows, String token, TlsKeystore tls, List<String> warnings, Path weaveCache,
                          boolean weaveCacheChosen, boolean secretsPending) {

    public AgentConfig(boolean enabled, String host, int port, OpenerMode openers, Duration closedRetention,
                       int maxRows, String token, TlsKeystore tls, List<String> warnings) {
        this(enabled, host, port, openers, closedRetention, maxRows, token, tls, warnings, null, false, false);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AgentConfig[enabled=" + enabled + ", host=" + host + ", port=" + port
                + ", stacks=" + openers.fullStacks() + ", openers=" + (openers.readsStack() ? "stack" : "thread")
                + ", closedRetention=" + closedRetention + ", maxRows=" + maxRows + ", token="
                + (token == null ? "none" : "set") + ", tls=" + (tls == null ? "off" : tls) + ", weaveCache="
                + (weaveCache == null ? "off" : weaveCache) + "]";
    }

    /** This configuration with the endpoint on another port: how an attach retries an endpoint that failed. */
    public AgentConfig withPort(int otherPort) {
        return new AgentConfig(enabled, host, otherPort, openers, closedRetention, maxRows, token, tls, warnings,
                weaveCache, weaveCacheChosen, secretsPending);
    }

    /** This configuration with the secrets read ({@link ConfigParser#secretsGiven}): none pending any more. */
    public AgentConfig withSecretsOf(Secrets secrets) {
        return new AgentConfig(enabled, host, port, openers, closedRetention, maxRows, secrets.token(),
                secrets.tls(), secrets.warnings(), weaveCache, weaveCacheChosen, false);
    }

    /** Whether the endpoint requires a bearer token. */
    public boolean requiresToken() {
        return token != null;
    }

    /** System properties the agent sets itself, which are therefore not typos of an option. */
    static final String PUBLISHED_ENDPOINT_PROPERTY = "portwatch.endpoint";
    static final String PUBLISHED_STATUS_PROPERTY = "portwatch.status";

    public static AgentConfig defaults() {
        try {
            return ConfigParser.parse("", new java.util.Properties(), java.util.Map.of());
        } catch (ConfigException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The property through which the agent tells the CLI it is loaded, and whether its endpoint failed. */
    public static String statusProperty() {
        return PUBLISHED_STATUS_PROPERTY;
    }

    /** The property through which the agent tells the CLI (and anyone) where its endpoint is. */
    public static String publishedEndpointProperty() {
        return PUBLISHED_ENDPOINT_PROPERTY;
    }
}
