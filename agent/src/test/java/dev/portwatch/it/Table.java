package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;

/**
 * The agent's {@code GET /connections.json}, parsed once into typed {@link Row}s and {@link ErrorRow}s (fields as
 * docs/endpoint.md names them). {@link AgentJvm#table()} fetches it from a JVM the test started.
 */
record Table(long pid, boolean kernelView, long untrackedSockets, long leakedSockets, List<Row> rows,
             List<ErrorRow> errors) {

    static Table parse(String json) {
        JsonValue table = JsonValue.parse(json);
        if (!table.has("connections") || !table.has("errors")) {
            throw new IllegalArgumentException("no connections or errors array in " + json);
        }
        return new Table(table.get("pid").asLong(), table.get("kernelView").asBoolean(),
                table.get("untrackedSockets").asLong(), table.get("leakedSockets").asLong(),
                table.get("connections").elements().stream().map(Row::of).toList(),
                table.get("errors").elements().stream().map(ErrorRow::of).toList());
    }

    /** The table of the endpoint at {@code endpointUrl} (such as {@code http://127.0.0.1:41234}). */
    static Table fetch(String endpointUrl) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = Http.get(endpointUrl + "/connections.json");
        assertEquals(200, response.statusCode(), "GET " + endpointUrl + "/connections.json");
        return parse(Http.text(response));
    }

    /** The rows of the application's sockets: every row but the agent's own endpoint's. */
    List<Row> applicationRows() {
        return rows(Row::application);
    }

    List<Row> rows(Predicate<Row> which) {
        return rows.stream().filter(which).toList();
    }

    List<ErrorRow> errors(String operation) {
        return errors.stream().filter(error -> operation.equals(error.operation())).toList();
    }
}
