package io.keygate.keymaterial.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keymaterial.api.KeyedHash;
import io.keygate.keymaterial.api.SecretHasher;
import io.keygate.keymaterial.api.SecretsFiles;
import io.keygate.keymaterial.api.UnknownSecretVersionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacSecretHasherTest {

    private static final byte[] SECRET = "mpk:v1:0123456789abcdef:right-secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "mpk:v1:0123456789abcdef:wrong-secret".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void verifiesTheRightSecretAndNoOther() {
        SecretHasher hasher = SecretHasher.withPepper(SecretsFiles.create(dir.resolve("pepper")));

        KeyedHash stored = hasher.hash(SECRET);

        assertTrue(hasher.verify(SECRET, stored));
        assertFalse(hasher.verify(OTHER, stored));
        assertFalse(hasher.verify(new byte[0], stored));
    }

    @Test
    void isHmacSha256UnderTheCurrentPepperVersion() throws Exception {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        SecretHasher hasher = new HmacSecretHasher(new SecretRing("test pepper", Map.of(4, pepper)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper, "HmacSHA256"));

        KeyedHash stored = hasher.hash(SECRET);

        assertEquals(4, stored.pepperVersion());
        assertArrayEquals(mac.doFinal(SECRET), stored.hash());
    }

    @Test
    void keepsVerifyingHashesOfAnOlderPepperVersionAfterRotation() {
        Path file = dir.resolve("pepper");
        KeyedHash beforeRotation = SecretHasher.withPepper(SecretsFiles.create(file)).hash(SECRET);
        SecretsFiles.addVersion(file);

        SecretHasher rotated = SecretHasher.withPepper(SecretsFiles.read(file));
        KeyedHash afterRotation = rotated.hash(SECRET);

        assertEquals(1, beforeRotation.pepperVersion());
        assertEquals(2, afterRotation.pepperVersion());
        assertTrue(rotated.verify(SECRET, beforeRotation));
        assertTrue(rotated.verify(SECRET, afterRotation));
        assertFalse(rotated.isCurrent(beforeRotation));
        assertTrue(rotated.isCurrent(afterRotation));
        assertNotEquals(beforeRotation, afterRotation);
    }

    @Test
    void aHashMadeWithOneVersionDoesNotVerifyUnderAnother() {
        Path file = dir.resolve("pepper");
        SecretsFiles.create(file);
        SecretsFiles.addVersion(file);
        SecretHasher hasher = SecretHasher.withPepper(SecretsFiles.read(file));
        KeyedHash underV2 = hasher.hash(SECRET);

        KeyedHash relabelledV1 = new KeyedHash(1, underV2.hash());

        assertFalse(hasher.verify(SECRET, relabelledV1));
    }

    @Test
    void refusesAHashWhosePepperVersionIsNoLongerConfigured() {
        SecretHasher hasher = SecretHasher.withPepper(SecretsFiles.create(dir.resolve("pepper")));
        KeyedHash fromAnotherPepper = new KeyedHash(9, new byte[32]);

        UnknownSecretVersionException refused = assertThrows(UnknownSecretVersionException.class,
                () -> hasher.verify(SECRET, fromAnotherPepper));

        assertEquals(9, refused.version());
        assertTrue(refused.getMessage().contains(dir.resolve("pepper").toString()), refused.getMessage());
    }
}
