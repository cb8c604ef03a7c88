package dev.portwatch.agent;

import dev.portwatch.config.AgentConfig;
import dev.portwatch.log.AgentLog;
import java.net.InetSocketAddress;

/** The endpoint's start says when whoever can reach it could read this process's connections. */
final class ExposureWarning {

    private ExposureWarning() {}

    /** Says so when the endpoint is reachable from other hosts without a token, or with one but in clear. */
    static void warnIfExposed(AgentConfig config, InetSocketAddress address, AgentLog log) {
        if (address.getAddress().isLoopbackAddress()) {
            return;
        }
        if (!config.requiresToken()) {
            log.info("warning: the endpoint on " + config.host() + " is reachable beyond this host and has no "
                    + "token; anyone who can reach it can read this process's connections (set tokenFile= or "
                    + "token=)");
        } else if (config.tls() == null) {
            log.info("warning: the endpoint on " + config.host() + " is reachable beyond this host without TLS; "
                    + "its token and this process's connections cross the network in clear (set tlsKeystore=)");
        }
    }
}
