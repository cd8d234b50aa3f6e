package io.keygate.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.UUID;

/** Creates a fresh organisation with its own administrator, so each test works on data of its own. */
public final class Organizations {

    public static final String PASSWORD = "a-test-password-1234";

    private Organizations() {
    }

    /** A new organisation named after the test, and an API client signed in as its administrator. */
    public static TestOrganization create(URL base, String label) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = label + "-" + suffix;
        String admin = "admin-" + label + "-" + suffix;
        Response created = ApiClient.as(base, ApiClient.OPERATOR, ApiClient.OPERATOR_PASSWORD).post("api/v1/organizations",
                "{\"name\":\"" + name + "\",\"adminUsername\":\"" + admin + "\",\"adminPassword\":\"" + PASSWORD + "\"}");
        assertEquals(201, created.status(), created.toString());
        return new TestOrganization(created.id(), name, admin, ApiClient.as(base, admin, PASSWORD));
    }

    public record TestOrganization(long id, String name, String adminUsername, ApiClient api) {

        /** Adds a READ_ONLY admin named {@code <label>-<organisation>} (password {@link #PASSWORD}) and returns the username. */
        public String addReadOnlyAdmin(String label) {
            String username = label + "-" + name;
            Response created = api.post("api/v1/admins", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"READ_ONLY\"}");
            assertEquals(201, created.status(), created.toString());
            return username;
        }
    }
}
