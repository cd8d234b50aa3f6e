package io.keygate.preferences.internal;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Filter criteria, column lists and widths as stored: small JSON texts, in a stable order. */
final class CriteriaJson {

    /** Looked up once: {@code Json.create…} searches the class path for a provider on every call (a lock held per request). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private CriteriaJson() {
    }

    static String write(Map<String, List<String>> criteria) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        criteria.keySet().stream().sorted().forEach(name -> {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            criteria.get(name).forEach(values::add);
            object.add(name, values);
        });
        return object.build().toString();
    }

    static Map<String, List<String>> read(String json) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        object(json).forEach((name, values) -> {
            List<String> list = new ArrayList<>();
            values.asJsonArray().forEach(value -> list.add(((JsonString) value).getString()));
            criteria.put(name, List.copyOf(list));
        });
        return Collections.unmodifiableMap(criteria);
    }

    static String writeColumns(List<String> columns) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        columns.forEach(array::add);
        return array.build().toString();
    }

    static List<String> readColumns(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    static String writeWidths(Map<String, Integer> widths) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        widths.keySet().stream().sorted().forEach(column -> object.add(column, widths.get(column)));
        return object.build().toString();
    }

    static Map<String, Integer> readWidths(String json) {
        Map<String, Integer> widths = new LinkedHashMap<>();
        object(json).forEach((column, width) -> widths.put(column, ((jakarta.json.JsonNumber) width).intValue()));
        return Collections.unmodifiableMap(widths);
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            return value.asJsonObject();
        }
    }
}
