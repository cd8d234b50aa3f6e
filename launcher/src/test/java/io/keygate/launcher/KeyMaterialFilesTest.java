package io.keygate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialFilesTest {

    @TempDir
    Path data;

    @Test
    void createsPrivatePepperAndMasterKeyOnceAndKeepsThemAfterwards() throws Exception {
        Map<String, String> environment = Map.of(
                KeyMaterialFiles.PEPPER_VARIABLE, data.resolve("pepper").toString(),
                KeyMaterialFiles.MASTER_KEY_VARIABLE, data.resolve("master-key").toString());

        KeyMaterialFiles.ensure(environment, true);
        String pepper = Files.readString(data.resolve("pepper"));
        String masterKey = Files.readString(data.resolve("master-key"));
        KeyMaterialFiles.ensure(environment, false);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pepper"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("master-key"))));
        assertEquals(pepper, Files.readString(data.resolve("pepper")), "a restart must not replace the pepper");
        assertEquals(masterKey, Files.readString(data.resolve("master-key")), "a restart must not replace the master key");
        assertTrue(!pepper.equals(masterKey));
    }

    @Test
    void refusesToMakeUpKeyMaterialForADatabaseThatAlreadyExists() {
        Map<String, String> environment = Map.of(
                KeyMaterialFiles.PEPPER_VARIABLE, data.resolve("pepper").toString(),
                KeyMaterialFiles.MASTER_KEY_VARIABLE, data.resolve("master-key").toString());

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> KeyMaterialFiles.ensure(environment, false));

        assertTrue(refusal.getMessage().contains("KEYGATE_PEPPER_FILE"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("Restore the file"), refusal.getMessage());
        assertFalse(Files.exists(data.resolve("pepper")));
    }

    @Test
    void pointsTheServerAtTheDataDirectoryOnlyForTheEmbeddedDatabase() {
        DatabaseLogin db = new DatabaseLogin("jdbc:postgresql://127.0.0.1:1/keygate", "keygate", "secret");

        Map<String, String> defaults = PayaraServer.environment(Map.of(), db, data, false, true);
        Map<String, String> configured = PayaraServer.environment(Map.of(KeyMaterialFiles.PEPPER_VARIABLE, "/etc/keygate/pepper"), db, data, false, true);
        Map<String, String> external = PayaraServer.environment(Map.of(), db, data, false, false);

        assertEquals(data.resolve("pepper").toString(), defaults.get(KeyMaterialFiles.PEPPER_VARIABLE));
        assertEquals(data.resolve("master-key").toString(), defaults.get(KeyMaterialFiles.MASTER_KEY_VARIABLE));
        assertEquals("/etc/keygate/pepper", configured.get(KeyMaterialFiles.PEPPER_VARIABLE));
        assertFalse(external.containsKey(KeyMaterialFiles.PEPPER_VARIABLE), "an external database brings its own key material");
    }
}
