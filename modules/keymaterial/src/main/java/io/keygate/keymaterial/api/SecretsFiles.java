package io.keygate.keymaterial.api;

import io.keygate.keymaterial.internal.SecretsFileReader;
import io.keygate.keymaterial.internal.SecretsFileWriter;
import io.keygate.keymaterial.internal.WatchedSecretsFile;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads and writes files of versioned secrets: UTF-8 text, one {@code v<n>:<base64 of 32 bytes>}
 * per line, {@code #} starts a comment, blank lines are ignored, the highest version is current.
 * Where the file system has POSIX permissions the file must have mode 0600 or 0400.
 */
public final class SecretsFiles {

    private SecretsFiles() {
    }

    /** @throws SecretsFileException naming the file and the problem */
    public static VersionedSecrets read(Path file) {
        return SecretsFileReader.read(file);
    }

    /**
     * Reads the file and keeps following it for the life of a server: versions a rotation adds are picked up without
     * a restart (see {@code WatchedSecretsFile}).
     *
     * @throws SecretsFileException naming the file and the problem, if it does not read at first
     */
    public static VersionedSecrets watch(Path file) {
        return new WatchedSecretsFile(file, Clock.systemUTC());
    }

    /**
     * Writes a new file (mode 0600, parent folders created) holding one fresh random secret {@code v1}.
     *
     * @throws SecretsFileException with {@code ALREADY_EXISTS} if there is a file already
     */
    public static VersionedSecrets create(Path file) {
        SecretsFileWriter.create(file);
        return SecretsFileReader.read(file);
    }

    /** Reads the file, first creating it as {@link #create} does if there is none (the embedded set-up). */
    public static VersionedSecrets readOrCreate(Path file) {
        if (!SecretsFileReader.exists(file)) {
            try {
                SecretsFileWriter.create(file);
            } catch (SecretsFileException e) {
                if (e.problem() != SecretsFileException.Problem.ALREADY_EXISTS) {
                    throw e;
                }
                // another process created it in the meantime: use theirs
            }
        }
        return SecretsFileReader.read(file);
    }

    /**
     * Rotation: appends a fresh random secret as the next version, keeping the older lines, and
     * replaces the file atomically (same mode). Returns the new current version.
     */
    public static int addVersion(Path file) {
        return SecretsFileWriter.addVersion(file);
    }
}
