package io.keygate.web.infrastructure;

import io.keygate.keymaterial.api.EnvelopeCipher;
import io.keygate.keymaterial.api.SecretHasher;
import io.keygate.keymaterial.api.SecretsFiles;
import io.keygate.keymaterial.api.VersionedSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server secrets that never enter the database: the pepper of the keyed hashes and the master key that
 * wraps each organisation's data key. Both are files named by configuration; {@code ./keygate run}
 * generates them into its data directory on first start.
 */
@ApplicationScoped
public class KeyMaterialConfiguration {

    @Inject
    @ConfigProperty(name = "keygate.pepper.file")
    Optional<String> pepperFile;
    @Inject
    @ConfigProperty(name = "keygate.master.key.file")
    Optional<String> masterKeyFile;

    @Produces
    @ApplicationScoped
    SecretHasher secretHasher() {
        return SecretHasher.withPepper(read(pepperFile, "KEYGATE_PEPPER_FILE", "pepper"));
    }

    @Produces
    @ApplicationScoped
    EnvelopeCipher envelopeCipher() {
        return EnvelopeCipher.withMasterKey(read(masterKeyFile, "KEYGATE_MASTER_KEY_FILE", "master key"));
    }

    private static VersionedSecrets read(Optional<String> file, String variable, String what) {
        String path = file.filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                variable + " is not set. Keygate needs the " + what + " in a file outside the database: './keygate run' "
                        + "creates one in its data directory; elsewhere create it once (a line 'v1:' followed by 32 random "
                        + "bytes in Base64, mode 0600) and keep it with your backups."));
        // followed, not read once: a rotation adds a version while servers run (./keygate rotate-master-key)
        return SecretsFiles.watch(Path.of(path));
    }
}
