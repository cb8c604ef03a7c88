package dev.portwatch.http;

import dev.portwatch.net.Transport;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rows a request asks for: {@code ?transport=tcp&state=LISTEN&role=outbound&port=5432}. Every parameter is
 * validated; a bad one is a {@link BadRequestException} naming it and what it accepts. An empty value
 * ({@code ?transport=}) does not filter, so an HTML form can send "any".
 */
record ConnectionFilter(Transport transport, State state, boolean openOnly, Role role, int port)
        implements Predicate<ConnectionView> {

    static final ConnectionFilter ALL = new ConnectionFilter(null, null, false, null, -1);

    static ConnectionFilter parse(String rawQuery) throws BadRequestException {
        ConnectionFilter filter = ALL;
        if (rawQuery == null || rawQuery.isEmpty()) {
            return filter;
        }
        if (rawQuery.length() > 1024) {
            throw new BadRequestException("query string too long (1024 characters at most)");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            filter = filter.with(name, value);
        }
        return filter;
    }

    private ConnectionFilter with(String name, String value) throws BadRequestException {
        boolean any = value.isEmpty(); // what an HTML form sends for a field left at "any": no filter
        switch (name) {
            case "transport":
                return new ConnectionFilter(any ? null : enumValue(Transport.class, name, value), state, openOnly,
                        role, port);
            case "state":
                if (any || value.equalsIgnoreCase("open")) {
                    return new ConnectionFilter(transport, null, !any, role, port);
                }
                return new ConnectionFilter(transport, enumValue(State.class, name, value), false, role, port);
            case "role":
                return new ConnectionFilter(transport, state, openOnly, any ? null : enumValue(Role.class, name, value),
                        port);
            case "port":
                return new ConnectionFilter(transport, state, openOnly, role, any ? -1 : portValue(value));
            default:
                throw new BadRequestException("unknown query parameter '" + printable(name)
                        + "'; accepted: transport, state, role, port");
        }
    }

    /** A parameter's value as {@link #parse} reads it back, in lower case; "" when it does not filter. */
    String value(String name) {
        return switch (name) {
            case "transport" -> transport == null ? "" : transport.label();
            case "state" -> openOnly ? "open" : state == null ? "" : state.name().toLowerCase(Locale.ROOT);
            case "role" -> role == null ? "" : role.label();
            case "port" -> port < 0 ? "" : Integer.toString(port);
            default -> throw new IllegalArgumentException("not a filter parameter: " + name);
        };
    }

    @Override
    public boolean test(ConnectionView row) {
        return test(row, row.state());
    }

    /** Whether the row matches when it reads {@code shown} (a dead connection reads CLOSED). */
    boolean test(ConnectionView row, State shown) {
        return (transport == null || row.transport() == transport)
                && (state == null || shown == state)
                && (!openOnly || shown.isOpen())
                && (role == null || row.role() == role)
                && (port < 0 || row.local() != null && row.local().port() == port
                        || row.remote() != null && row.remote().port() == port);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value)
            throws BadRequestException {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (type == State.class) {
            accepted = accepted + ", open";
        }
        throw new BadRequestException("bad value '" + printable(value) + "' for " + name + "; accepted: "
                + accepted);
    }

    private static int portValue(String value) throws BadRequestException {
        if (value.matches("\\d{1,5}")) {
            int port = Integer.parseInt(value);
            if (port <= 65535) {
                return port;
            }
        }
        throw new BadRequestException("bad value '" + printable(value) + "' for port; accepted: 0 to 65535");
    }

    private static String decode(String raw) throws BadRequestException {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new BadRequestException("malformed percent-encoding in the query string");
        }
    }

    /** Echoes client input back only as short printable ASCII. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length() && i < 40; i++) {
            char c = raw.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return raw.length() > 40 ? out + "..." : out.toString();
    }
}
