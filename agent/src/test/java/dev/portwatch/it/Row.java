package dev.portwatch.it;

/**
 * One row of the agent's {@code /connections.json} (docs/endpoint.md names every field), typed. Nullable where the
 * JSON may say {@code null}: {@code id}, {@code remote} and {@code kernel}, the opener's fields of a row only the
 * kernel saw, {@code connectSeconds}, {@code closedAt}, {@code dead} (why an open socket reads closed).
 */
record Row(Long id, String source, String transport, String family, String role, String state, End local,
           End remote, String api, String openedAt, String thread, String openedBy, String openedByKind,
           Long bytesIn, Long bytesOut, Double connectSeconds, String closedAt, String dead, boolean leaked,
           boolean agent, Kernel kernel) {

    /**
     * One end of a row: {@code local} or {@code remote}; {@code host} is the remote end's host name as the
     * application asked for it (null: asked by address, and always for the local end, which has no such field).
     */
    record End(String address, long port, String portClass, boolean ephemeral, String service, String host) {

        static End of(JsonValue end) {
            return end.isNull() ? null : new End(end.get("address").asString(), end.get("port").asLong(),
                    end.get("portClass").asString(), end.get("ephemeral").asBoolean(),
                    end.get("service").asString(), end.has("host") ? end.get("host").asString() : null);
        }
    }

    /** The kernel's view of the row's socket. */
    record Kernel(String state, long sendQueue, long receiveQueue, long inode) {

        static Kernel of(JsonValue kernel) {
            return kernel.isNull() ? null : new Kernel(kernel.get("state").asString(),
                    kernel.get("sendQueue").asLong(), kernel.get("receiveQueue").asLong(),
                    kernel.get("inode").asLong());
        }
    }

    static Row of(JsonValue row) {
        return new Row(row.get("id").asLong(), row.get("source").asString(), row.get("transport").asString(),
                row.get("family").asString(), row.get("role").asString(), row.get("state").asString(),
                End.of(row.get("local")), End.of(row.get("remote")), row.get("api").asString(),
                row.get("openedAt").asString(), row.get("thread").asString(), row.get("openedBy").asString(),
                row.get("openedByKind").asString(),
                row.get("bytesIn").asLong(), row.get("bytesOut").asLong(), row.get("connectSeconds").asDouble(),
                row.get("closedAt").asString(), row.get("dead").asString(), row.get("leaked").asBoolean(),
                row.get("agent").asBoolean(),
                Kernel.of(row.get("kernel")));
    }

    /** A socket of the application's, not of the agent's own endpoint. */
    boolean application() {
        return !agent;
    }

    /** Recorded by the agent, not added from the kernel's view of sockets the agent never saw. */
    boolean recorded() {
        return "agent".equals(source);
    }

    /** The kernel's state of the socket, or null when the kernel does not have it. */
    String kernelState() {
        return kernel == null ? null : kernel.state();
    }

    /**
     * The row as {@link KernelSockets} writes a socket {@code ss} shows: {@code tcp 127.0.0.1:41960 127.0.0.1:36409}
     * ({@code *} for a wildcard address, {@code -} for no peer).
     */
    String key() {
        return transport + " " + KernelSockets.endpoint(local) + " " + KernelSockets.endpoint(remote);
    }
}
