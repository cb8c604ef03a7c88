package dev.portwatch.http;

import dev.portwatch.net.Endpoint;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.SocketError;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** {@code GET /connections.json}: the table in the JSON shape documented in docs/endpoint.md. */
final class ConnectionsJson {

    private final Json json = new Json(new Body());
    private final TableReport report;
    /**
     * Each address's text, made once per document: a table's rows share a few local and remote addresses, and
     * {@code InetAddress} makes a new String of an address each time it is asked. Bounded by the rows.
     */
    private final Map<InetAddress, String> hosts = new HashMap<>();

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
        json.beginObject().name("id");
        if (row.id() == null) {
            json.nullValue();
        } else {
            json.value(row.id());
        }
        json.name("source").value(row.source().label)
                .name("transport").value(row.transport().label())
                .name("family").value(row.family())
                .name("role").value(row.role().label())
                .name("state").value(row.state().name())
                .name("local");
        endpoint(row.local(), row.localService());
        json.name("remote");
        endpoint(row.remote(), row.remoteService(), row.remoteHost());
        json.name("api").value(row.api())
                .name("openedAt");
        nullableInstant(row.openedAtMillis());
        json.name("thread").value(row.thread())
                .name("openedBy").value(row.openedBy())
                .name("openedByKind").value(row.openedByKind());
        nullable(json.name("bytesIn"), row.bytesIn());
        nullable(json.name("bytesOut"), row.bytesOut());
        json.name("connectSeconds");
        if (row.connectNanos() != null) {
            json.value(row.connectNanos() / 1e9);
        } else {
            json.nullValue();
        }
        json.name("closedAt");
        nullableInstant(row.closedAtMillis());
        json.name("dead").value(row.dead())
                .name("leaked").value(row.leaked())
                .name("agent").value(row.agent())
                .name("kernel");
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

    private static void nullable(Json json, Long value) {
        if (value == null) {
            json.nullValue();
        } else {
            json.value(value);
        }
    }

    private void nullableInstant(Long epochMillis) {
        if (epochMillis == null) {
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
                .name("state").value(socket.state())
                .name("sendQueue").value(socket.sendQueue())
                .name("receiveQueue").value(socket.receiveQueue())
                .name("inode").value(socket.inode())
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
        endpointFields(endpoint, service).name("host").value(host).endObject();
    }

    private Json endpointFields(Endpoint endpoint, String service) {
        return json.beginObject()
                .name("address").value(hosts.computeIfAbsent(endpoint.address(), address -> endpoint.host()))
                .name("port").value(endpoint.port())
                .name("portClass").value(report.ports().classOf(endpoint.port()).label())
                .name("ephemeral").value(report.ports().isEphemeral(endpoint.port()))
                .name("service").value(service);
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
            json.value(error.durationNanos() / 1e9);
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

    private static String kindOf(Opener opener) {
        return opener.kind() == null ? null : opener.kind().label();
    }
}
