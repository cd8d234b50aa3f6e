package io.keygate.web.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The contract check the API tests rely on refuses what does not match the document, and only that. */
class ApiContractTest {

    private static final String DOCUMENT = """
            {"openapi": "3.0.3", "paths": {
              "/api/v1/things": {"get": {"responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingPage"}}}},
                "401": {"$ref": "#/components/responses/Unauthorized"}}}},
              "/api/v1/things/{id}": {
                "get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
                "delete": {"responses": {"204": {"description": "Deleted."}}}},
              "/api/v1/things/export": {"get": {"responses": {"200": {"content": {"text/csv": {}}}}}}},
             "components": {
              "schemas": {
                "Thing": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                          "createdAt": {"type": "string", "format": "date-time"}}},
                "ThingPage": {"type": "object", "required": ["list", "totalCount"], "properties": {
                          "list": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}, "totalCount": {"type": "number"}}},
                "Error": {"type": "object", "required": ["id", "reason", "params"], "additionalProperties": false, "properties": {
                          "id": {"type": "string"}, "reason": {"type": "string"}, "params": {"type": "array", "items": {"type": "string"}}}}},
              "responses": {"Unauthorized": {"description": "No token.",
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}}
            """;

    @Test
    void acceptsAnswersTheDocumentDescribes() {
        assertDoesNotThrow(() -> ApiContract.check(DOCUMENT, "get", "/api/v1/things", 200, "application/json; charset=UTF-8",
                "{\"list\": [{\"id\": 1, \"name\": \"a\", \"createdAt\": \"2026-11-27T10:15:30Z\"}], \"totalCount\": 1}"));
        assertDoesNotThrow(() -> ApiContract.check(DOCUMENT, "get", "/api/v1/things", 401, "application/json",
                "{\"id\": \"not_authenticated\", \"reason\": \"Sign in.\", \"params\": []}"));
        assertDoesNotThrow(() -> ApiContract.check(DOCUMENT, "delete", "/api/v1/things/7", 204, null, ""));
        assertDoesNotThrow(() -> ApiContract.check(DOCUMENT, "get", "/api/v1/things/export", 200, "text/csv; charset=UTF-8", "id,name\n"));
        assertDoesNotThrow(() -> ApiContract.check(DOCUMENT, "get", "/api/v1/no-such-things", 404, "application/json", "{}"),
                "an address the document does not name is not checked");
    }

    @Test
    void refusesABodyTheSchemaRefuses() {
        AssertionError wrongType = assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things/7", 200,
                "application/json", "{\"id\": \"seven\"}"));
        assertTrue(wrongType.getMessage().contains("get /api/v1/things/{id}"), wrongType.getMessage());
        assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things", 200, "application/json",
                "{\"list\": [{\"id\": 1.5}], \"totalCount\": 1}"), "an item of the list is checked through its reference");
        assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things", 200, "application/json",
                "{\"list\": []}"), "a required property is missing");
        assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things", 401, "application/json",
                "{\"id\": \"x\", \"reason\": \"y\", \"params\": [], \"stack\": \"at ...\"}"), "the error body has no other fields");
    }

    @Test
    void refusesAStatusOrMediaTypeTheDocumentDoesNotList() {
        AssertionError undocumented = assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things/7", 409,
                "application/json", "{\"id\": \"x\", \"reason\": \"y\", \"params\": []}"));
        assertTrue(undocumented.getMessage().contains("409"), undocumented.getMessage());
        assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things/export", 200, "text/html", "<html>"));
        assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "delete", "/api/v1/things/7", 204, "application/json", "{}"),
                "a 204 the document gives no body has none");
        assertThrows(AssertionError.class, () -> ApiContract.check(DOCUMENT, "get", "/api/v1/things/7", 200, null, ""),
                "a 200 the document gives a body has one");
    }
}
