package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseMigrationsTest {

    @Test
    void refusesToWorkAsTheSchemasOwner() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DatabaseMigrations.ApplicationRole.requireDistinct("keygate", "keygate"));
        assertTrue(refused.getMessage().contains("KEYGATE_DB_APP_USER"), refused.getMessage());
        assertDoesNotThrow(() -> DatabaseMigrations.ApplicationRole.requireDistinct("keygate", "keygate_app"));
    }

    @Test
    void createsALoginOnlyWithAPasswordSomeoneChose() {
        for (String weak : new String[] {null, "", "short-password", DatabaseMigrations.ApplicationRole.SHIPPED_PASSWORD}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> DatabaseMigrations.ApplicationRole.requireOwnPassword(weak), String.valueOf(weak));
            assertTrue(refused.getMessage().contains("KEYGATE_DB_APP_PASSWORD"), refused.getMessage());
        }
        assertDoesNotThrow(() -> DatabaseMigrations.ApplicationRole.requireOwnPassword("a-password-of-its-own"));
    }
}
