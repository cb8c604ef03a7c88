package dev.portwatch.http;

import dev.portwatch.net.Endpoint;
import dev.portwatch.net.Transport;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.port.PortClass;
import dev.portwatch.table.Opener;
import dev.portwatch.table.Role;
import dev.portwatch.table.SocketError;
import dev.portwatch.table.State;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code GET /connections.json}: the table in the JSON shape documented in docs/endpoint.md. */
final class ConnectionsJson {

    // Each row's names and labels, written once (JsonText): a row has 36 names, and escaping them again each time
    // was over a third of the JSON's profile samples.
    private static final JsonText ID = JsonText.name("id");
    private static final JsonText SOURCE = JsonText.name("source");
    private static final JsonText TRANSPORT = JsonText.name("transport");
    private static final JsonText FAMILY = JsonText.name("family");
    private static final JsonText ROLE = JsonText.name("role");
    private static final JsonText STATE = JsonText.name("state");
    private static final JsonText LOCAL = JsonText.name("local");
    private static final JsonText REMOTE = JsonText.name("remote");
    private static final JsonText API = JsonText.name("api");
    private static final JsonText OPENED_AT = JsonText.name("openedAt");
    private static final JsonText THREAD = JsonText.name("thread");
    private static final JsonText OPENED_BY = JsonText.name("openedBy");
    private static final JsonText OPENED_BY_KIND = JsonText.name("openedByKind");
    private static final JsonText BYTES_IN = JsonText.name("bytesIn");
    private static final JsonText BYTES_OUT = JsonText.name("bytesOut");
    private static final JsonText CONNECT_SECONDS = JsonText.name("connectSeconds");
    private static final JsonText CLOSED_AT = JsonText.name("closedAt");
    private static final JsonText DEAD = JsonText.name("dead");
    private static final JsonText LEAKED = JsonText.name("leaked");
    private static final JsonText AGENT = JsonText.name("agent");
    private static final JsonText KERNEL = JsonText.name("kernel");
    private static final JsonText ADDRESS = JsonText.name("address");
    private static final JsonText PORT = JsonText.name("port");
    private static final JsonText PORT_CLASS = JsonText.name("portClass");
    private static final JsonText EPHEMERAL = JsonText.name("ephemeral");
    private static final JsonText SERVICE = JsonText.name("service");
    private static final JsonText HOST = JsonText.name("host");
    private static final JsonText SEND_QUEUE = JsonText.name("sendQueue");
    private static final JsonText RECEIVE_QUEUE = JsonText.name("receiveQueue");
    private static final JsonText INODE = JsonText.name("inode");
    private static final JsonText NULL = JsonText.of(null);
    private static final JsonText[] SOURCES = texts(ReportRow.Source.values(), source -> source.label);
    private static final JsonText[] TRANSPORTS = texts(Transport.values(), Transport::label);
    private static final JsonText[] ROLES = texts(Role.values(), Role::label);
    private static final JsonText[] STATES = texts(State.values(), State::name);
    private static final JsonText[] PORT_CLASSES = texts(PortClass.values(), PortClass::label);

    private final Json json = new Json(new Body(), Body.CHUNK);
    private final TableReport report;
    /**
     * Each address's text, made once per document: a table's rows share a few local and remote addresses, and
     * {@code InetAddress} makes a new String of an address each time it is asked. Bounded by the rows.
     */
    private final Map<InetAddress, JsonText> hosts = new HashMap<>();
    /**
     * The text of each string the rows share, made on its first row: the rows of one thread, of one call site, of
     * one kernel state hold the same String, and a frame's 60 characters are escaped once instead of on each row.
     * Bounded by the rows.
     */
    private final Map<String, JsonText> shared = new HashMap<>();

    private ConnectionsJson(TableReport report) {
        this.report = report;
    }

    static String render(TableReport report) {
        return renderBody(report).text();
    }

    /**
     * The document, written as UTF-8 into the body's chunks of at most {@link Body#CHUNK} bytes as it is rendered:
     * never the whole document in one array, nor any of it as characters.
     */
    static Body renderBody(TableReport report) {
        return new ConnectionsJson(report).write();
    }

    private Body write() {
        json.beginObject()
                .name("pid").value(report.pid())
                .name("time").instant(report.timeMillis())
                .name("ephemeralPortRange").beginObject()
                .name("first").value(report.ports().ephemeralRange().first())
                .name("last").value(report.ports().ephemeralRange().last())
                .name("source").value(report.ports().ephemeralRange().source())
                .endObject()
                .name("kernelView").value(KernelView.available())
                .name("untrackedSockets").value(report.untracked())
                .name("leakedSockets").value(report.leaks());
        TableReport.Counts counts = report.counts();
        json.name("counts").beginObject()
                .name("connections").value(counts.connections())
                .name("listeners").value(counts.listeners())
                .name("closed").value(counts.closed())
                .name("leaked").value(counts.leaked())
                .name("dead").value(counts.dead())
                .name("errors").value(counts.errors())
                .endObject()
                .name("connections").beginArray();
        for (ReportRow row : report.rows()) {
            row(row);
        }
        json.endArray().name("errors").beginArray();
        for (SocketError error : report.errors()) {
            error(error);
        }
        return json.endArray().endObject().flush();
    }

    private void row(ReportRow row) {
        nullable(json.beginObject().name(ID), row.id());
        json.name(SOURCE).value(SOURCES[row.source().ordinal()])
                .name(TRANSPORT).value(TRANSPORTS[row.transport().ordinal()])
                .name(FAMILY).value(shared(row.family()))
                .name(ROLE).value(ROLES[row.role().ordinal()])
                .name(STATE).value(STATES[row.state().ordinal()])
                .name(LOCAL);
        endpoint(row.local(), row.localService());
        json.name(REMOTE);
        endpoint(row.remote(), row.remoteService(), row.remoteHost());
        json.name(API).value(shared(row.api()))
                .name(OPENED_AT);
        nullableInstant(row.openedAtMillis());
        json.name(THREAD).value(shared(row.thread()))
                .name(OPENED_BY).value(shared(row.openedBy()))
                .name(OPENED_BY_KIND).value(shared(row.openedByKind()));
        nullable(json.name(BYTES_IN), row.bytesIn());
        nullable(json.name(BYTES_OUT), row.bytesOut());
        json.name(CONNECT_SECONDS);
        if (row.connectNanos() != ReportRow.NONE) {
            json.seconds(row.connectNanos());
        } else {
            json.nullValue();
        }
        json.name(CLOSED_AT);
        nullableInstant(row.closedAtMillis());
        json.name(DEAD).value(shared(row.dead()))
                .name(LEAKED).value(row.leaked())
                .name(AGENT).value(row.agent())
                .name(KERNEL);
        kernel(row.kernel());
        if (!row.stack().isEmpty()) {
            json.name("stack").beginArray();
            for (String frame : row.stack()) {
                json.value(frame);
            }
            json.endArray();
        }
        json.endObject();
    }

    private static void nullable(Json json, long value) {
        if (value == ReportRow.NONE) {
            json.nullValue();
        } else {
            json.value(value);
        }
    }

    private void nullableInstant(long epochMillis) {
        if (epochMillis == ReportRow.NONE) {
            json.nullValue();
        } else {
            json.instant(epochMillis);
        }
    }

    private void kernel(KernelSocket socket) {
        if (socket == null) {
            json.nullValue();
            return;
        }
        json.beginObject()
                .name(STATE).value(shared(socket.state()))
                .name(SEND_QUEUE).value(socket.sendQueue())
                .name(RECEIVE_QUEUE).value(socket.receiveQueue())
                .name(INODE).value(socket.inode())
                .endObject();
    }

    private void endpoint(Endpoint endpoint, String service) {
        if (endpoint == null) {
            json.nullValue();
            return;
        }
        endpointFields(endpoint, service).endObject();
    }

    /** The remote end, with the host name the application asked for it by ({@code null}: by address). */
    private void endpoint(Endpoint endpoint, String service, String host) {
        if (endpoint == null) {
            json.nullValue();
            return;
        }
        endpointFields(endpoint, service).name(HOST).value(host).endObject();
    }

    private Json endpointFields(Endpoint endpoint, String service) {
        return json.beginObject()
                .name(ADDRESS).value(hosts.computeIfAbsent(endpoint.address(), address -> JsonText.of(endpoint.host())))
                .name(PORT).value(endpoint.port())
                .name(PORT_CLASS).value(PORT_CLASSES[report.ports().classOf(endpoint.port()).ordinal()])
                .name(EPHEMERAL).value(report.ports().isEphemeral(endpoint.port()))
                .name(SERVICE).value(shared(service));
    }

    private void error(SocketError error) {
        json.beginObject()
                .name("operation").value(error.operation().label())
                .name("transport").value(error.transport().label())
                .name("address").value(error.endpoint() == null ? null : error.endpoint().host())
                .name("host").value(error.host())
                .name("port");
        if (error.port() >= 0) {
            json.value(error.port());
        } else {
            json.nullValue();
        }
        json.name("service").value(error.port() >= 0
                        ? report.ports().serviceOf(error.port(), error.transport().label()) : null)
                .name("errorType").value(error.errorType())
                .name("message").value(error.message())
                .name("durationSeconds");
        if (error.durationNanos() >= 0) {
            json.seconds(error.durationNanos());
        } else {
            json.nullValue();
        }
        json.name("time").instant(error.atMillis())
                .name("thread").value(error.thread())
                .name("api").value(error.opener().api())
                .name("openedBy").value(error.opener().openedBy(error.thread()))
                .name("openedByKind").value(kindOf(error.opener()))
                .endObject();
    }

    private JsonText shared(String value) {
        return value == null ? NULL : shared.computeIfAbsent(value, JsonText::of);
    }

    private static <E extends Enum<E>> JsonText[] texts(E[] values, Function<E, String> text) {
        JsonText[] texts = new JsonText[values.length];
        for (E value : values) {
            texts[value.ordinal()] = JsonText.of(text.apply(value));
        }
        return texts;
    }

    private static String kindOf(Opener opener) {
        return opener.kind() == null ? null : opener.kind().label();
    }
}
