package io.keygate.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** Every error is {id, reason, params} JSON with the expected status: never HTML, never a stack trace. */
    public static void assertError(Response response, int status, String id) {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.toString());
        JsonObject body = response.json();
        assertEquals(id, body.getString("id"), response.toString());
        assertFalse(body.getString("reason").isBlank());
        assertNotNull(body.getJsonArray("params"));
        assertFalse(response.body().contains("Exception") || response.body().contains("<html"), response.toString());
    }
}
