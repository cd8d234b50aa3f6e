package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keymaterial.api.SecretsFileException;
import io.keygate.keymaterial.api.SecretsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void refusesToStartWithoutAPepperFileNamingTheVariable() {
        KeyMaterialConfiguration configuration = configured(Optional.empty(), Optional.of(directory.resolve("master-key").toString()));

        IllegalStateException refusal = assertThrows(IllegalStateException.class, configuration::secretHasher);

        assertTrue(refusal.getMessage().startsWith("KEYGATE_PEPPER_FILE is not set."), refusal.getMessage());
    }

    @Test
    void refusesABlankMasterKeySettingAndAFileOthersCanRead() throws Exception {
        Path readable = directory.resolve("master-key");
        SecretsFiles.create(readable);
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));

        IllegalStateException blank = assertThrows(IllegalStateException.class,
                () -> configured(Optional.empty(), Optional.of(" ")).envelopeCipher());
        SecretsFileException open = assertThrows(SecretsFileException.class,
                () -> configured(Optional.empty(), Optional.of(readable.toString())).envelopeCipher());

        assertTrue(blank.getMessage().startsWith("KEYGATE_MASTER_KEY_FILE is not set."), blank.getMessage());
        assertTrue(open.getMessage().contains(readable.toString()), open.getMessage());
    }

    @Test
    void readsBothFilesWhenTheyAreThere() {
        Path pepper = directory.resolve("pepper");
        Path masterKey = directory.resolve("master-key");
        SecretsFiles.create(pepper);
        SecretsFiles.create(masterKey);
        KeyMaterialConfiguration configuration = configured(Optional.of(pepper.toString()), Optional.of(masterKey.toString()));

        assertNotNull(configuration.secretHasher());
        assertNotNull(configuration.envelopeCipher());
    }

    private static KeyMaterialConfiguration configured(Optional<String> pepper, Optional<String> masterKey) {
        KeyMaterialConfiguration configuration = new KeyMaterialConfiguration();
        configuration.pepperFile = pepper;
        configuration.masterKeyFile = masterKey;
        return configuration;
    }
}
