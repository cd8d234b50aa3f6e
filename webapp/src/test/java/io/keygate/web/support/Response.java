package io.keygate.web.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpHeaders;

/** An HTTP response of the API with its body parsed on demand. */
public record Response(int status, HttpHeaders headers, String body) {

    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    public JsonArray list() {
        return json().getJsonArray("list");
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public long id() {
        return json().getJsonNumber("id").longValue();
    }

    /** The error id of an {id, reason, params} body. */
    public String errorId() {
        return json().getString("id");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
