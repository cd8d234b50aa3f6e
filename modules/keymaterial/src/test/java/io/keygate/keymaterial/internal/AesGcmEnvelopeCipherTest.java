package io.keygate.keymaterial.internal;

import static io.keygate.keymaterial.api.DecryptionFailedException.Reason.AUTHENTICATION_FAILED;
import static io.keygate.keymaterial.api.DecryptionFailedException.Reason.MALFORMED;
import static io.keygate.keymaterial.api.DecryptionFailedException.Reason.UNKNOWN_MASTER_KEY_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keymaterial.api.DecryptionFailedException;
import io.keygate.keymaterial.api.EncryptedSecret;
import io.keygate.keymaterial.api.EncryptionContext;
import io.keygate.keymaterial.api.EnvelopeCipher;
import io.keygate.keymaterial.api.WrappedDataKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AesGcmEnvelopeCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SECRET = "Zq3V8mXw0aLr5TgH1kPb9dYc2eNf7jUs4oQi6uRt0yW".getBytes(StandardCharsets.US_ASCII);
    private static final EncryptionContext ROW_A = new EncryptionContext(7, "AAAAAAAAAAAAAAAA");
    private static final EncryptionContext ROW_B = new EncryptionContext(7, "BBBBBBBBBBBBBBBB");

    private final byte[] masterV1 = random32();
    private final EnvelopeCipher cipher = new AesGcmEnvelopeCipher(ring(Map.of(1, masterV1)));

    @Test
    void sealsAndOpensASecretUnderTheOrganisationsDataKey() {
        WrappedDataKey dataKey = cipher.newDataKey(7);

        EncryptedSecret sealed = cipher.encrypt(dataKey, ROW_A, SECRET);

        assertArrayEquals(SECRET, cipher.decrypt(dataKey, ROW_A, sealed));
    }

    @Test
    void writesTheDocumentedLayouts() {
        WrappedDataKey dataKey = cipher.newDataKey(7);
        EncryptedSecret sealed = cipher.encrypt(dataKey, ROW_A, SECRET);

        byte[] wrapped = dataKey.bytes();
        assertEquals(WrappedDataKey.LENGTH, wrapped.length);
        assertEquals(0x11, wrapped[0]);
        assertEquals(1, dataKey.masterKeyVersion());
        byte[] secret = sealed.bytes();
        assertEquals(SECRET.length + EncryptedSecret.OVERHEAD, secret.length);
        assertEquals(72, secret.length, "a 43-character key secret");
        assertEquals(0x21, secret[0]);
    }

    @Test
    void drawsAFreshNonceAndDataKeyEveryTime() {
        WrappedDataKey dataKey = cipher.newDataKey(7);

        assertNotEquals(cipher.encrypt(dataKey, ROW_A, SECRET), cipher.encrypt(dataKey, ROW_A, SECRET));
        assertNotEquals(cipher.newDataKey(7), cipher.newDataKey(7));
    }

    @Test
    void refusesACiphertextSwappedFromAnotherRow() {
        WrappedDataKey dataKey = cipher.newDataKey(7);
        EncryptedSecret ofRowA = cipher.encrypt(dataKey, ROW_A, SECRET);
        EncryptedSecret ofRowB = cipher.encrypt(dataKey, ROW_B, "another secret".getBytes(StandardCharsets.US_ASCII));

        assertFails(AUTHENTICATION_FAILED, () -> cipher.decrypt(dataKey, ROW_B, ofRowA));
        assertFails(AUTHENTICATION_FAILED, () -> cipher.decrypt(dataKey, ROW_A, ofRowB));
    }

    @Test
    void refusesAnotherOrganisationsContext() {
        WrappedDataKey dataKeyOf7 = cipher.newDataKey(7);
        WrappedDataKey dataKeyOf8 = cipher.newDataKey(8);
        EncryptedSecret sealedFor7 = cipher.encrypt(dataKeyOf7, ROW_A, SECRET);
        EncryptionContext sameKeyIdIn8 = new EncryptionContext(8, ROW_A.keyId());

        // organisation 7's data key does not open for organisation 8 ...
        assertFails(AUTHENTICATION_FAILED, () -> cipher.decrypt(dataKeyOf7, sameKeyIdIn8, sealedFor7));
        // ... and organisation 8's own data key does not open 7's ciphertext
        assertFails(AUTHENTICATION_FAILED, () -> cipher.decrypt(dataKeyOf8, sameKeyIdIn8, sealedFor7));
        assertFails(AUTHENTICATION_FAILED, () -> cipher.encrypt(dataKeyOf7, sameKeyIdIn8, SECRET));
    }

    @Test
    void refusesEveryFlippedBitOfTheSecretAndOfTheDataKey() {
        WrappedDataKey dataKey = cipher.newDataKey(7);
        byte[] sealed = cipher.encrypt(dataKey, ROW_A, SECRET).bytes();
        byte[] wrapped = dataKey.bytes();

        for (int bit = 0; bit < sealed.length * 8; bit++) {
            EncryptedSecret altered = new EncryptedSecret(flip(sealed, bit));
            assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(dataKey, ROW_A, altered), "bit " + bit);
        }
        for (int bit = 0; bit < wrapped.length * 8; bit++) {
            WrappedDataKey altered = new WrappedDataKey(flip(wrapped, bit));
            EncryptedSecret intact = new EncryptedSecret(sealed);
            assertThrows(DecryptionFailedException.class, () -> cipher.decrypt(altered, ROW_A, intact), "bit " + bit);
        }
    }

    @Test
    void refusesTheWrongMasterKey() {
        WrappedDataKey dataKey = cipher.newDataKey(7);
        EncryptedSecret sealed = cipher.encrypt(dataKey, ROW_A, SECRET);
        EnvelopeCipher otherInstallation = new AesGcmEnvelopeCipher(ring(Map.of(1, random32())));

        assertFails(AUTHENTICATION_FAILED, () -> otherInstallation.decrypt(dataKey, ROW_A, sealed));
        assertFails(AUTHENTICATION_FAILED, () -> otherInstallation.rewrap(dataKey, 7));
    }

    @Test
    void refusesTruncatedOrForeignBytes() {
        WrappedDataKey dataKey = cipher.newDataKey(7);
        byte[] sealed = cipher.encrypt(dataKey, ROW_A, SECRET).bytes();

        assertFails(MALFORMED, () -> cipher.decrypt(dataKey, ROW_A, new EncryptedSecret(Arrays.copyOf(sealed, 20))));
        assertFails(MALFORMED, () -> cipher.decrypt(dataKey, ROW_A, new EncryptedSecret(new byte[0])));
        assertFails(MALFORMED, () -> cipher.decrypt(new WrappedDataKey(Arrays.copyOf(dataKey.bytes(), 62)), ROW_A, new EncryptedSecret(sealed)));
        assertFails(MALFORMED, () -> cipher.decrypt(dataKey, ROW_A, new EncryptedSecret(dataKey.bytes())));
    }

    @Test
    void rewrapsADataKeyUnderTheNewMasterKeyVersion() {
        WrappedDataKey underV1 = cipher.newDataKey(7);
        EncryptedSecret sealed = cipher.encrypt(underV1, ROW_A, SECRET);
        Map<Integer, byte[]> rotated = new HashMap<>(Map.of(1, masterV1, 2, random32()));
        EnvelopeCipher afterRotation = new AesGcmEnvelopeCipher(ring(rotated));
        assertFalse(afterRotation.isCurrent(underV1));

        WrappedDataKey underV2 = afterRotation.rewrap(underV1, 7);

        assertEquals(2, underV2.masterKeyVersion());
        assertTrue(afterRotation.isCurrent(underV2));
        assertArrayEquals(SECRET, afterRotation.decrypt(underV2, ROW_A, sealed), "the data key itself is unchanged");
        assertEquals(2, afterRotation.newDataKey(9).masterKeyVersion());
        rotated.remove(1);
        EnvelopeCipher v1Retired = new AesGcmEnvelopeCipher(ring(rotated));
        assertArrayEquals(SECRET, v1Retired.decrypt(underV2, ROW_A, sealed));
        assertFails(UNKNOWN_MASTER_KEY_VERSION, () -> v1Retired.decrypt(underV1, ROW_A, sealed));
    }

    private static void assertFails(DecryptionFailedException.Reason reason, Executable decryption) {
        DecryptionFailedException failure = assertThrows(DecryptionFailedException.class, decryption);
        assertEquals(reason, failure.reason(), failure.getMessage());
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] altered = bytes.clone();
        altered[bit / 8] ^= (byte) (1 << (bit % 8));
        return altered;
    }

    private static SecretRing ring(Map<Integer, byte[]> secrets) {
        return new SecretRing("test master key", secrets);
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
