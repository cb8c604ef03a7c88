package dev.portwatch.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of a JSON document parsed by {@link MiniJson}, read without casts: {@code get} walks into objects (a
 * missing field, or a field of {@code null}, is a null value), the {@code as...} methods return the value as the
 * type the test expects and fail when it is another (a null value gives {@code null}).
 */
record JsonValue(Object raw) {

    private static final JsonValue NULL = new JsonValue(null);

    static JsonValue parse(String text) {
        return new JsonValue(MiniJson.parse(text));
    }

    boolean isNull() {
        return raw == null;
    }

    boolean has(String field) {
        return raw != null && object().containsKey(field);
    }

    JsonValue get(String field) {
        return raw == null ? NULL : wrap(object().get(field));
    }

    String asString() {
        return as(String.class);
    }

    Long asLong() {
        return as(Long.class);
    }

    /** A number, integral or not. */
    Double asDouble() {
        Number number = as(Number.class);
        return number == null ? null : number.doubleValue();
    }

    Boolean asBoolean() {
        return as(Boolean.class);
    }

    /** The elements of an array; none for a null value. */
    List<JsonValue> elements() {
        List<?> elements = as(List.class);
        return elements == null ? List.of() : elements.stream().map(JsonValue::wrap).toList();
    }

    /** The strings of an array of strings. */
    List<String> strings() {
        return elements().stream().map(JsonValue::asString).toList();
    }

    /** The fields of an object, in document order. */
    Map<String, JsonValue> fields() {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        object().forEach((name, value) -> fields.put((String) name, wrap(value)));
        return fields;
    }

    @Override
    public String toString() {
        return String.valueOf(raw);
    }

    private Map<?, ?> object() {
        return as(Map.class);
    }

    private <T> T as(Class<T> type) {
        if (raw != null && !type.isInstance(raw)) {
            throw new IllegalStateException("expected a JSON " + type.getSimpleName() + ", found " + raw);
        }
        return type.cast(raw);
    }

    private static JsonValue wrap(Object value) {
        return value == null ? NULL : new JsonValue(value);
    }
}
