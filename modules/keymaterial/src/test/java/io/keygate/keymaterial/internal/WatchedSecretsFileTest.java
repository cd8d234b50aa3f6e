package io.keygate.keymaterial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keygate.keymaterial.api.SecretsFiles;
import io.keygate.keymaterial.api.UnknownSecretVersionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedSecretsFileTest {

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void takesUpAVersionAddedWhileItRunsAfterItLooksAgain() throws IOException {
        Path file = dir.resolve("master-key");
        SecretsFiles.create(file);
        WatchedSecretsFile watched = new WatchedSecretsFile(file, clock);

        SecretsFiles.addVersion(file);
        touchLater(file);

        assertEquals(1, watched.currentVersion(), "not looked at again yet");
        now = now.plus(WatchedSecretsFile.LOOK_EVERY);
        assertEquals(2, watched.currentVersion());
        assertArrayEquals(SecretsFiles.read(file).key(2, "AES").getEncoded(), watched.key(2, "AES").getEncoded());
    }

    @Test
    void readsAgainAtOnceForAVersionItHasNotSeen() throws IOException {
        Path file = dir.resolve("pepper");
        SecretsFiles.create(file);
        WatchedSecretsFile watched = new WatchedSecretsFile(file, clock);

        SecretsFiles.addVersion(file);

        assertArrayEquals(SecretsFiles.read(file).key(2, "HmacSHA256").getEncoded(), watched.key(2, "HmacSHA256").getEncoded(),
                "data from a node that rotated first opens at once");
        assertThrows(UnknownSecretVersionException.class, () -> watched.key(3, "AES"));
    }

    @Test
    void keepsWhatItReadWhenTheFileStopsReading() throws IOException {
        Path file = dir.resolve("master-key");
        SecretsFiles.create(file);
        WatchedSecretsFile watched = new WatchedSecretsFile(file, clock);
        byte[] first = watched.key(1, "AES").getEncoded();

        Files.writeString(file, "v1:half-edited\n");
        touchLater(file);
        now = now.plus(Duration.ofMinutes(1));

        assertEquals(1, watched.currentVersion());
        assertArrayEquals(first, watched.key(1, "AES").getEncoded());
        assertThrows(UnknownSecretVersionException.class, () -> watched.key(2, "AES"));
    }

    /** File systems with a coarse clock could leave the time unchanged by a quick rewrite. */
    private static void touchLater(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(10)));
    }
}
