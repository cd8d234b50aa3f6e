package io.keygate.launcher;

import io.keygate.keymaterial.api.SecretsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The pepper and the master key of the portal: files in the data directory, created (mode 0600) together
 * with the embedded database unless the environment names files of its own. They are never made up for a
 * database that already exists: new ones could not open what the old ones sealed.
 */
final class KeyMaterialFiles {

    static final String PEPPER_VARIABLE = "KEYGATE_PEPPER_FILE";
    static final String MASTER_KEY_VARIABLE = "KEYGATE_MASTER_KEY_FILE";
    static final String PEPPER_FILE = "pepper";
    static final String MASTER_KEY_FILE = "master-key";

    private KeyMaterialFiles() {
    }

    /**
     * Checks that each file the environment names reads back; creates missing ones only for a new database.
     *
     * @throws IllegalStateException naming the missing file and what to do
     */
    static void ensure(Map<String, String> environment, boolean newDatabase) {
        for (String variable : new String[] {PEPPER_VARIABLE, MASTER_KEY_VARIABLE}) {
            Path file = Path.of(environment.get(variable));
            if (newDatabase) {
                SecretsFiles.readOrCreate(file);
            } else if (!Files.exists(file)) {
                throw new IllegalStateException(file + " (" + variable + ") is missing, but the database already exists. "
                        + "Restore the file from the backup made with the database; new key material could not open "
                        + "what the old one sealed. To start afresh instead, delete the data directory.");
            } else {
                SecretsFiles.read(file);
            }
        }
    }
}
