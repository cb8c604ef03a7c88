package dev.portwatch.it;

/**
 * One failed connect or bind in the {@code errors} of {@code /connections.json}, typed; {@code host} is the host name a
 * connect asked for (null: by address, and for binds).
 */
record ErrorRow(String operation, String transport, String address, String host, Long port, String service,
                String errorType, String message, Double durationSeconds, String time, String thread, String api,
                String openedBy) {

    static ErrorRow of(JsonValue error) {
        return new ErrorRow(error.get("operation").asString(), error.get("transport").asString(),
                error.get("address").asString(), error.get("host").asString(), error.get("port").asLong(), error.get("service").asString(),
                error.get("errorType").asString(), error.get("message").asString(),
                error.get("durationSeconds").asDouble(), error.get("time").asString(),
                error.get("thread").asString(), error.get("api").asString(), error.get("openedBy").asString());
    }
}
