package io.keygate.launcher;

import io.keygate.keymaterial.api.SecretsFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * The pepper and the master key of the portal: files in the data directory, created (mode 0600) on the
 * first start unless the environment names files of its own. They must be backed up with the database.
 */
final class KeyMaterialFiles {

    static final String PEPPER_VARIABLE = "KEYGATE_PEPPER_FILE";
    static final String MASTER_KEY_VARIABLE = "KEYGATE_MASTER_KEY_FILE";
    static final String PEPPER_FILE = "pepper";
    static final String MASTER_KEY_FILE = "master-key";

    private KeyMaterialFiles() {
    }

    /** Creates each file the environment names if it does not exist yet, and checks it reads back. */
    static void ensure(Map<String, String> environment) {
        for (String variable : new String[] {PEPPER_VARIABLE, MASTER_KEY_VARIABLE}) {
            Path file = Path.of(environment.get(variable));
            SecretsFiles.readOrCreate(file);
        }
    }
}
