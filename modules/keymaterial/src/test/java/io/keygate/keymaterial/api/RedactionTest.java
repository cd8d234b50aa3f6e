package io.keygate.keymaterial.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

    @TempDir
    Path dir;

    @Test
    void noToStringShowsASecretOrWhatIsDerivedFromIt() throws Exception {
        Path file = dir.resolve("master-key");
        VersionedSecrets secrets = SecretsFiles.create(file);
        String storedLine = Files.readAllLines(file).stream().filter(line -> line.startsWith("v1:")).findFirst().orElseThrow();
        SecretHasher hasher = SecretHasher.withPepper(secrets);
        EnvelopeCipher cipher = EnvelopeCipher.withMasterKey(secrets);
        KeyedHash hash = hasher.hash("secret".getBytes(StandardCharsets.US_ASCII));
        WrappedDataKey dataKey = cipher.newDataKey(1);
        EncryptedSecret sealed = cipher.encrypt(dataKey, new EncryptionContext(1, "k"), "secret".getBytes(StandardCharsets.US_ASCII));

        for (Object holder : List.of(secrets, hasher, cipher, hash, dataKey, sealed)) {
            String text = holder.toString();
            assertFalse(text.contains(storedLine.substring(3)), text);
            for (byte[] sensitive : List.of(secrets.key(1, "AES").getEncoded(), hash.hash(), dataKey.bytes(), sealed.bytes())) {
                assertFalse(text.contains(HexFormat.of().formatHex(sensitive)), text);
                assertFalse(text.contains(Base64.getEncoder().encodeToString(sensitive)), text);
                assertFalse(text.contains(java.util.Arrays.toString(sensitive)), text);
            }
        }
        assertTrue(hash.toString().contains("redacted"), hash.toString());
    }

    @Test
    void recordsCopyTheirBytesInAndOutAndCompareByContent() {
        byte[] bytes = new byte[32];
        KeyedHash hash = new KeyedHash(1, bytes);
        bytes[0] = 1;
        hash.hash()[1] = 1;

        assertArrayEquals(new byte[32], hash.hash());
        assertEquals(new KeyedHash(1, new byte[32]), hash);
        assertNotEquals(new KeyedHash(2, new byte[32]), hash);
        assertEquals(new EncryptedSecret(new byte[] {1, 2}), new EncryptedSecret(new byte[] {1, 2}));
    }
}
