package io.keygate.keymaterial.internal;

import io.keygate.keymaterial.api.SecretsFileException;
import io.keygate.keymaterial.api.UnknownSecretVersionException;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.SortedSet;
import java.util.logging.Logger;
import javax.crypto.SecretKey;

/**
 * A secrets file a running server keeps following: a version added by a rotation ({@code ./keygate rotate-master-key},
 * {@code rotate-pepper}) is picked up without a restart, within {@link #LOOK_EVERY} or at once when data protected by
 * a version not yet seen arrives (another node rotated first). A file that no longer reads keeps the versions read
 * before: a half-edited file must not take down a running server.
 */
public final class WatchedSecretsFile implements VersionedSecrets {

    public static final Duration LOOK_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(WatchedSecretsFile.class.getName());

    private final Path file;
    private final Clock clock;
    private volatile SecretRing ring;
    private volatile FileTime readAt;
    private volatile long lookedAtMillis;

    public WatchedSecretsFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.ring = SecretsFileReader.read(file);
        this.readAt = modified();
        this.lookedAtMillis = clock.millis();
    }

    @Override
    public int currentVersion() {
        return current().currentVersion();
    }

    @Override
    public SortedSet<Integer> versions() {
        return current().versions();
    }

    @Override
    public SecretKey key(int version, String algorithm) {
        try {
            return current().key(version, algorithm);
        } catch (UnknownSecretVersionException notYetSeen) {
            reread();
            return ring.key(version, algorithm);
        }
    }

    @Override
    public String source() {
        return file.toString();
    }

    private SecretRing current() {
        long now = clock.millis();
        if (now - lookedAtMillis >= LOOK_EVERY.toMillis()) {
            lookedAtMillis = now;
            FileTime modified = modified();
            if (modified != null && !modified.equals(readAt)) {
                reread();
            }
        }
        return ring;
    }

    private synchronized void reread() {
        try {
            FileTime modified = modified();
            SecretRing fresh = SecretsFileReader.read(file);
            if (fresh.currentVersion() != ring.currentVersion()) {
                LOG.info(() -> file + " now holds versions " + fresh.versions() + "; current is v" + fresh.currentVersion());
            }
            ring = fresh;
            readAt = modified;
        } catch (SecretsFileException unreadable) {
            LOG.warning(() -> file + " could not be read again (" + unreadable.getMessage() + "); the versions read before stay in use");
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "WatchedSecretsFile[" + file + ", " + ring + "]";
    }
}
