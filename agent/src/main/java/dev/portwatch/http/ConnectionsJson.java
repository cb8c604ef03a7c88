package dev.portwatch.http;

import dev.portwatch.metrics.DeadConnections;
import dev.portwatch.net.Endpoint;
import dev.portwatch.os.KernelSocket;
import dev.portwatch.os.KernelView;
import dev.portwatch.table.ConnectionView;
import dev.portwatch.table.Opener;
import dev.portwatch.table.SocketError;
import java.time.Instant;

/** {@code GET /connections.json}: the table in the JSON shape documented in docs/endpoint.md. */
final class ConnectionsJson {

    private ConnectionsJson() {}

    static String render(TableReport report) {
        return renderBody(report).text();
    }

    /**
     * The document, rendered in pieces of about {@link Body#CHUNK} characters that are encoded into the body as
     * they fill: never the whole document in one array.
     */
    static Body renderBody(TableReport report) {
        Body body = new Body();
        StringBuilder out = new StringBuilder(Body.CHUNK + 4096);
        Json json = new Json(out);
        json.beginObject()
                .name("pid").value(report.pid())
                .name("time").value(instant(report.timeMillis()))
                .name("ephemeralPortRange").beginObject()
                .name("first").value(report.ports().ephemeralRange().first())
                .name("last").value(report.ports().ephemeralRange().last())
                .name("source").value(report.ports().ephemeralRange().source())
                .endObject()
                .name("kernelView").value(KernelView.available())
                .name("untrackedSockets").value(report.untracked())
                .name("leakedSockets").value(report.leaks())
                .name("connections").beginArray();
        for (ConnectionView row : report.rows()) {
            row(json, report, row);
            drainIfFull(out, body);
        }
        json.endArray().name("errors").beginArray();
        for (SocketError error : report.errors()) {
            error(json, report, error);
            drainIfFull(out, body);
        }
        json.endArray().endObject();
        body.drain(out);
        return body;
    }

    private static void drainIfFull(StringBuilder out, Body body) {
        if (out.length() >= Body.CHUNK / 3) {
            body.drain(out);
        }
    }

    private static void row(Json json, TableReport report, ConnectionView row) {
        boolean kernelOnly = TableReport.isKernelOnly(row);
        json.beginObject().name("id");
        if (kernelOnly) {
            json.nullValue();
        } else {
            json.value(row.id());
        }
        json.name("source").value(kernelOnly ? "kernel" : "agent")
                .name("transport").value(row.transport().label())
                .name("family").value(row.family())
                .name("role").value(row.role().label())
                .name("state").value(report.stateOf(row).name())
                .name("local");
        endpoint(json, report, row.local(), report.serviceOf(row, row.local()));
        json.name("remote");
        endpoint(json, report, row.remote(), report.serviceOf(row, row.remote()));
        json.name("api").value(row.opener().api())
                .name("openedAt").value(kernelOnly ? null : instant(row.openedAtMillis()))
                .name("thread").value(row.thread())
                .name("openedBy").value(row.opener().openedBy(row.thread()))
                .name("openedByKind").value(kindOf(row.opener()))
                .name("bytesIn").value(row.bytesIn())
                .name("bytesOut").value(row.bytesOut())
                .name("connectSeconds");
        if (row.connectNanos() >= 0) {
            json.value(row.connectNanos() / 1e9);
        } else {
            json.nullValue();
        }
        json.name("closedAt").value(row.closedAtMillis() == 0 ? null : instant(row.closedAtMillis()))
                .name("dead").value(report.isDead(row) ? DeadConnections.REASON : null)
                .name("leaked").value(row.leaked())
                .name("agent").value(row.agentOwned())
                .name("kernel");
        kernel(json, report.kernelOf(row));
        if (!row.opener().stack().isEmpty()) {
            json.name("stack").beginArray();
            for (String frame : row.opener().stackTrace()) {
                json.value(frame);
            }
            json.endArray();
        }
        json.endObject();
    }

    private static void kernel(Json json, KernelSocket socket) {
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

    static void endpoint(Json json, TableReport report, Endpoint endpoint, String service) {
        if (endpoint == null) {
            json.nullValue();
            return;
        }
        json.beginObject()
                .name("address").value(endpoint.host())
                .name("port").value(endpoint.port())
                .name("portClass").value(report.ports().classOf(endpoint.port()).label())
                .name("ephemeral").value(report.ports().isEphemeral(endpoint.port()))
                .name("service").value(service)
                .endObject();
    }

    private static void error(Json json, TableReport report, SocketError error) {
        json.beginObject()
                .name("operation").value(error.operation().label())
                .name("transport").value(error.transport().label())
                .name("address").value(error.endpoint() == null ? null : error.endpoint().host())
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
        json.name("time").value(instant(error.atMillis()))
                .name("thread").value(error.thread())
                .name("api").value(error.opener().api())
                .name("openedBy").value(error.opener().openedBy(error.thread()))
                .name("openedByKind").value(kindOf(error.opener()))
                .endObject();
    }

    private static String kindOf(Opener opener) {
        return opener.kind() == null ? null : opener.kind().label();
    }

    private static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
