package io.keygate.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keygate.web.support.Organizations.TestOrganization;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.util.function.UnaryOperator;

/** A fresh organisation with a machine group and its Client CA: what a provisioning key needs. */
public record KeySetup(TestOrganization org, long groupId, long certificateId) {

    public static final String KEYS = "api/v1/provisioning-keys";

    public static KeySetup of(URL base, String label) {
        TestOrganization org = Organizations.create(base, label);
        Response group = org.api().post("api/v1/machine-groups", "{\"name\":\"group-" + label + "\",\"enabled\":true}");
        assertEquals(201, group.status(), group.toString());
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        return new KeySetup(org, group.id(), certificate);
    }

    /** Creates a key through the API; the answer holds its id and, this once, its value ({@code provisioningKey}). */
    public JsonObject create(String name, UnaryOperator<JsonObjectBuilder> options) {
        JsonObjectBuilder key = Json.createObjectBuilder().add("name", name).add("machineGroupId", groupId).add("signingCertificateId", certificateId);
        Response created = org.api().post(KEYS, options.apply(key).build().toString());
        assertEquals(201, created.status(), created.toString());
        return created.json();
    }

    public JsonObject create(String name) {
        return create(name, UnaryOperator.identity());
    }
}
