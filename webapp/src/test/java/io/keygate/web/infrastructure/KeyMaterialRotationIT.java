package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keymaterial.api.EnvelopeCipher;
import io.keygate.keymaterial.api.MasterKeyRotation;
import io.keygate.keymaterial.api.SecretsFiles;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key-material rotation while the server runs: a new master key version re-wraps every organisation's data key and
 * every key still reveals and enrolls (so CA private keys still open); a new pepper version re-hashes nothing, old
 * keys keep verifying and new keys are hashed with it. The test calls what {@code ./keygate rotate-master-key} and
 * {@code rotate-pepper} call, on the files and the database of the test server, which follows the files.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyMaterialRotationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aNewMasterKeyVersionRewrapsEveryDataKeyAndEveryKeyStillRevealsAndEnrolls() throws Exception {
        Path masterKey = Path.of(System.getProperty("keygate.test.master.key.file"));
        KeySetup first = KeySetup.of(base, "rotation-a");
        KeySetup second = KeySetup.of(base, "rotation-b");
        List<MadeKey> exportable = new ArrayList<>();
        for (KeySetup setup : List.of(first, second)) {
            for (int i = 0; i < 3; i++) {
                JsonObject key = setup.create("exportable-" + i);
                exportable.add(new MadeKey(setup, key.getJsonNumber("id").longValue(), key.getString("provisioningKey")));
            }
        }
        String sealed = first.create("shown-once", key -> key.add("exportable", false)).getString("provisioningKey");
        int before = SecretsFiles.read(masterKey).currentVersion();

        MasterKeyRotation.Result result;
        try (Connection database = TestDatabase.connectAsSchemaOwner()) {
            result = MasterKeyRotation.rotate(masterKey, database);
        }

        assertEquals(before + 1, result.newVersion());
        assertTrue(result.added());
        assertTrue(result.rewrapped() >= 2, "both organisations' data keys: " + result);
        assertEquals(0, count("SELECT count(*) FROM organization_data_key WHERE master_key_version <> ?", result.newVersion()),
                "no data key is left under an older master key version");
        for (MadeKey key : exportable) {
            Response revealed = key.owner().org().api().post(KeySetup.KEYS + "/" + key.id() + "/reveal", "");
            assertEquals(200, revealed.status(), revealed.toString());
            assertEquals(key.value(), revealed.json().getString("provisioningKey"), "the same value after the rotation");
            Response enrolled = Enrollments.enroll(base, key.value(), "rotated-" + key.id(), "fp-rotated-" + key.id());
            assertEquals(201, enrolled.status(), "the CA private key opens under the re-wrapped data key: " + enrolled);
        }
        assertEquals(201, Enrollments.enroll(base, sealed, "rotated-sealed", "fp-rotated-sealed").status());

        try (Connection database = TestDatabase.connectAsSchemaOwner()) {
            MasterKeyRotation.Result again = MasterKeyRotation.rewrapAll(EnvelopeCipher.withMasterKey(SecretsFiles.read(masterKey)),
                    database, result.newVersion());
            assertEquals(0, again.rewrapped(), "re-wrapping again finds nothing to do");
        }
    }

    @Test
    void aRotationCutShortIsFinishedWithoutAnotherVersion() throws Exception {
        Path masterKey = Path.of(System.getProperty("keygate.test.master.key.file"));
        KeySetup setup = KeySetup.of(base, "rotation-cut-short");
        JsonObject key = setup.create("before-the-cut");
        int added = SecretsFiles.addVersion(masterKey);

        MasterKeyRotation.Result finished;
        try (Connection database = TestDatabase.connectAsSchemaOwner()) {
            finished = MasterKeyRotation.rotate(masterKey, database);
        }

        assertEquals(added, finished.newVersion(), "the version a cut-short run added is the one finished");
        assertEquals(false, finished.added());
        assertTrue(finished.rewrapped() >= 1, finished.toString());
        assertEquals(added, SecretsFiles.read(masterKey).currentVersion(), "no further version");
        assertEquals(0, count("SELECT count(*) FROM organization_data_key WHERE master_key_version <> ?", added));
        Response revealed = setup.org().api().post(KeySetup.KEYS + "/" + key.getJsonNumber("id") + "/reveal", "");
        assertEquals(key.getString("provisioningKey"), revealed.json().getString("provisioningKey"));
    }

    @Test
    void aNewPepperVersionRehashesNothingAndNewKeysUseIt() throws Exception {
        Path pepper = Path.of(System.getProperty("keygate.test.pepper.file"));
        KeySetup setup = KeySetup.of(base, "pepper-bump");
        JsonObject old = setup.create("hashed-before");
        long oldId = old.getJsonNumber("id").longValue();
        int oldVersion = pepperVersion(oldId);
        String verifiersBefore = verifiersUpTo(oldId);

        int newVersion = SecretsFiles.addVersion(pepper);

        JsonObject fresh = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (int i = 0; fresh == null; i++) {
            JsonObject made = setup.create("hashed-after-" + i);
            if (pepperVersion(made.getJsonNumber("id").longValue()) == newVersion) {
                fresh = made;
            } else {
                assertTrue(Instant.now().isBefore(deadline), "the server took up the new pepper version within 30 s");
                Thread.sleep(1000);
            }
        }
        assertEquals(oldVersion + 1, newVersion);
        assertEquals(verifiersBefore, verifiersUpTo(oldId), "no key made before the bump was re-hashed");
        assertEquals(oldVersion, pepperVersion(oldId));
        assertEquals(201, Enrollments.enroll(base, old.getString("provisioningKey"), "pepper-old", "fp-pepper-old").status(),
                "a key hashed with the old version still verifies");
        assertEquals(201, Enrollments.enroll(base, fresh.getString("provisioningKey"), "pepper-new", "fp-pepper-new").status());
    }

    private record MadeKey(KeySetup owner, long id, String value) {
    }

    /** Every key's pepper version and keyed hash up to {@code lastId}, as one digest. */
    private static String verifiersUpTo(long lastId) throws SQLException {
        try (Connection database = TestDatabase.connect(); PreparedStatement query = database.prepareStatement(
                "SELECT md5(string_agg(id || ':' || pepper_version || ':' || encode(secret_hash, 'hex'), ',' ORDER BY id)) "
                        + "FROM provisioning_key WHERE id <= ?")) {
            query.setLong(1, lastId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static int pepperVersion(long keyId) throws SQLException {
        return (int) count("SELECT pepper_version FROM provisioning_key WHERE id = ?", keyId);
    }

    private static long count(String sql, long parameter) throws SQLException {
        try (Connection database = TestDatabase.connect(); PreparedStatement query = database.prepareStatement(sql)) {
            if (sql.contains("?")) {
                query.setLong(1, parameter);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
