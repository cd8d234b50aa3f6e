package io.keygate.keymaterial.api;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./keygate rotate-master-key}: adds a master key version and re-wraps every organisation's data key under it.
 * Only the data keys change: what they seal (CA private keys, the copies of exportable keys) stays as it is, so a
 * rotation costs one small row per organisation. Each data key is re-wrapped in its own transaction holding its row
 * lock, so a server that opens it meanwhile sees the old or the new wrapping, both of which it can open (servers
 * follow the master key file, {@link SecretsFiles#watch}). A run cut short is finished by the next: while any data
 * key is not yet under the file's current version, a run re-wraps what is left and adds no version.
 */
public final class MasterKeyRotation {

    /**
     * What a rotation did.
     *
     * @param newVersion     the master key version every data key is now wrapped under
     * @param added          whether this run added that version (false: it finished an earlier run)
     * @param rewrapped      data keys re-wrapped by this run
     * @param alreadyCurrent data keys that were under that version already
     */
    public record Result(int newVersion, boolean added, int rewrapped, int alreadyCurrent) {
    }

    private MasterKeyRotation() {
    }

    /**
     * Adds a version to {@code masterKeyFile}, then re-wraps every data key in the database under it; when data keys
     * under an older version are left from an interrupted run, re-wraps those under the current version instead.
     */
    public static Result rotate(Path masterKeyFile, Connection database) throws SQLException {
        int current = SecretsFiles.read(masterKeyFile).currentVersion();
        boolean unfinished = countBehind(database, current) > 0;
        int version = unfinished ? current : SecretsFiles.addVersion(masterKeyFile);
        Result result = rewrapAll(EnvelopeCipher.withMasterKey(SecretsFiles.read(masterKeyFile)), database, version);
        return new Result(result.newVersion(), !unfinished, result.rewrapped(), result.alreadyCurrent());
    }

    /** Re-wraps what is not yet under the cipher's current master key version (finishing an interrupted rotation). */
    public static Result rewrapAll(EnvelopeCipher cipher, Connection database, int currentVersion) throws SQLException {
        boolean autoCommit = database.getAutoCommit();
        database.setAutoCommit(false);
        int rewrapped = 0;
        int current = 0;
        try {
            for (long organization : organizations(database)) {
                if (rewrap(cipher, database, organization)) {
                    rewrapped++;
                } else {
                    current++;
                }
                database.commit();
            }
        } catch (SQLException | RuntimeException e) {
            database.rollback();
            throw e;
        } finally {
            database.setAutoCommit(autoCommit);
        }
        return new Result(currentVersion, false, rewrapped, current);
    }

    private static long countBehind(Connection database, int version) throws SQLException {
        try (PreparedStatement count = database.prepareStatement("SELECT count(*) FROM organization_data_key WHERE master_key_version <> ?")) {
            count.setInt(1, version);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static List<Long> organizations(Connection database) throws SQLException {
        List<Long> organizations = new ArrayList<>();
        try (PreparedStatement select = database.prepareStatement("SELECT organization_id FROM organization_data_key ORDER BY organization_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                organizations.add(rows.getLong(1));
            }
        }
        database.commit();
        return organizations;
    }

    private static boolean rewrap(EnvelopeCipher cipher, Connection database, long organization) throws SQLException {
        // row-level security lets even the schema's owner change a row only in its organisation's scope (db/V14)
        try (PreparedStatement scope = database.prepareStatement("SELECT set_config('keygate.organization_id', ?, true)")) {
            scope.setString(1, Long.toString(organization));
            scope.execute();
        }
        WrappedDataKey stored;
        try (PreparedStatement select = database.prepareStatement(
                "SELECT wrapped_key FROM organization_data_key WHERE organization_id = ? FOR UPDATE")) {
            select.setLong(1, organization);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                stored = new WrappedDataKey(row.getBytes(1));
            }
        }
        if (cipher.isCurrent(stored)) {
            return false;
        }
        WrappedDataKey rewrapped = cipher.rewrap(stored, organization);
        try (PreparedStatement update = database.prepareStatement("UPDATE organization_data_key SET wrapped_key = ?, "
                + "master_key_version = ?, rewrapped_at = now() WHERE organization_id = ?")) {
            update.setBytes(1, rewrapped.bytes());
            update.setInt(2, rewrapped.masterKeyVersion());
            update.setLong(3, organization);
            update.executeUpdate();
        }
        return true;
    }
}
