package io.keygate.launcher;

import io.keygate.keymaterial.api.MasterKeyRotation;
import io.keygate.keymaterial.api.SecretsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./keygate rotate-master-key} and {@code ./keygate rotate-pepper}: add a version to a key-material file, the
 * files {@code ./keygate run} uses (the data directory's, or those KEYGATE_MASTER_KEY_FILE / KEYGATE_PEPPER_FILE name).
 * Running servers follow both files, so with an external database the portal may stay up; the embedded database
 * belongs to one process at a time, so there the portal must be stopped first.
 */
final class KeyRotation {

    private final LauncherConfig config;
    private final Map<String, String> environment;

    KeyRotation(LauncherConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    /** Returns the process exit code. */
    int rotateMasterKey() {
        try {
            Path dataDir = config.dataDir();
            boolean embedded = config.externalDatabase().isEmpty();
            Optional<Path> file = keyFile(KeyMaterialFiles.MASTER_KEY_VARIABLE, KeyMaterialFiles.MASTER_KEY_FILE, embedded);
            if (file.isEmpty()) {
                return 1;
            }
            if (embedded && !Files.exists(config.postgresDir().resolve("PG_VERSION"))) {
                Console.error("there is no database in " + config.postgresDir() + " yet: nothing is sealed, nothing to rotate");
                return 1;
            }
            if (embedded && !DataDirectoryLock.acquire(PrivateFiles.directory(dataDir))) {
                Console.error("./keygate run is using " + dataDir + ": stop it first (the embedded database serves one process)");
                return 1;
            }
            if (embedded) {
                try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, config.postgresDir())) {
                    return rotate(file.get(), database.login());
                }
            }
            return rotate(file.get(), config.externalDatabase().get());
        } catch (Exception e) {
            Console.error("the rotation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + ". Run it again: it finishes what this run left, without adding another version.");
            return 1;
        }
    }

    private int rotate(Path masterKeyFile, DatabaseLogin login) throws Exception {
        try (Connection connection = DriverManager.getConnection(login.url(), login.user(), login.password())) {
            MasterKeyRotation.Result result = MasterKeyRotation.rotate(masterKeyFile, connection);
            Console.say((result.added() ? "master key v" + result.newVersion() + " added to " + masterKeyFile
                    : "finishing the rotation to master key v" + result.newVersion() + " (an earlier run stopped short)") + "; "
                    + result.rewrapped() + " organisation data key(s) re-wrapped under it, " + result.alreadyCurrent() + " already were");
            Console.say("CA private keys and exportable keys are sealed under the data keys and did not change");
            Console.say("back up " + masterKeyFile + " now: the database's data keys open only with its new line");
            return 0;
        }
    }

    /** Returns the process exit code. */
    int rotatePepper() {
        boolean embedded = config.externalDatabase().isEmpty();
        Optional<Path> file = keyFile(KeyMaterialFiles.PEPPER_VARIABLE, KeyMaterialFiles.PEPPER_FILE, embedded);
        if (file.isEmpty()) {
            return 1;
        }
        try {
            int version = SecretsFiles.addVersion(file.get());
            Console.say("pepper v" + version + " added to " + file.get() + "; keys made from now on are hashed with it "
                    + "(running servers pick it up within seconds)");
            Console.say("existing keys keep the version they were hashed with and verify as before; nothing is re-hashed");
            Console.say("back up " + file.get() + " now");
            return 0;
        } catch (RuntimeException e) {
            Console.error("the pepper was not changed: " + e.getMessage());
            return 1;
        }
    }

    /** The file named by the environment, else (embedded set-up) the data directory's; it must exist already. */
    private Optional<Path> keyFile(String variable, String fileName, boolean embedded) {
        String named = environment.get(variable);
        Path file;
        if (named != null && !named.isBlank()) {
            file = Path.of(named);
        } else if (embedded) {
            file = config.dataDir().resolve(fileName);
        } else {
            Console.error(variable + " is not set: name the file the portal's servers use");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            Console.error(file + " does not exist: there is no key material to rotate (./keygate run creates it on first start)");
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
