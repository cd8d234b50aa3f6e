package io.keygate.keys.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyValueTest {

    private static final String KEY_ID = "0123456789ABCDEF";
    private static final String SECRET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final KeyValue key = new KeyValue("enroll.example.com:8443", KEY_ID, SECRET.toCharArray());

    @Test
    void readsBackItsOwnValue() {
        String value = key.reveal();

        KeyValue parsed = KeyValue.parse(value);

        assertTrue(value.startsWith("1|enroll.example.com:8443|mpk_0123456789ABCDEF_" + SECRET), value);
        assertEquals(70, value.length() - "1|enroll.example.com:8443|".length());
        assertEquals(1, parsed.version());
        assertEquals("enroll.example.com:8443", parsed.host());
        assertEquals(KEY_ID, parsed.keyId());
        assertArrayEquals(SECRET.toCharArray(), parsed.secret());
        assertEquals(key.checksum(), parsed.checksum());
        assertEquals(value, parsed.reveal());
    }

    @Test
    void masksTheSecretForDisplayAndInToString() {
        assertEquals("mpk_0123456789ABCDEF_••••", key.masked());
        assertEquals("1|enroll.example.com:8443|mpk_0123456789ABCDEF_••••", key.toString());
        assertFalse(key.toString().contains(SECRET.substring(0, 4)));
        assertFalse(key.toString().contains(key.checksum()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s\n", "%s\r\n", "  %s \t\n", "\n%s\n\n"})
    void ignoresWhitespaceAroundTheValueSuchAsTheNewlineOfADownloadedFile(String surrounded) {
        KeyValue parsed = KeyValue.parse(surrounded.formatted(key.reveal()));

        assertEquals(key.reveal(), parsed.reveal());
    }

    @Test
    void readsFromACharBufferWithoutAString() {
        char[] typed = key.reveal().toCharArray();

        assertEquals(KEY_ID, KeyValue.parse(CharBuffer.wrap(typed)).keyId());
    }

    @Test
    void givesTheBytesToHashAndToEncrypt() {
        assertArrayEquals(("mpk:v1:" + KEY_ID + ":" + SECRET).getBytes(StandardCharsets.US_ASCII), key.verifierInput());
        assertArrayEquals(SECRET.getBytes(StandardCharsets.US_ASCII), key.secretBytes());
    }

    @Test
    void handsOutCopiesOfTheSecret() {
        char[] secret = key.secret();
        secret[0] = '!';

        assertEquals(SECRET, new String(key.secret()));
    }

    @Test
    void forgetsTheSecretWhenDestroyedButStillShowsItsMask() {
        KeyValue parsed = KeyValue.parse(key.reveal());

        parsed.destroy();

        assertTrue(parsed.isDestroyed());
        assertThrows(IllegalStateException.class, parsed::secret);
        assertThrows(IllegalStateException.class, parsed::reveal);
        assertThrows(IllegalStateException.class, parsed::verifierInput);
        assertThrows(IllegalStateException.class, parsed::secretBytes);
        assertEquals("mpk_0123456789ABCDEF_••••", parsed.masked());
        assertEquals(SECRET, new String(key.secret()), "other holders keep theirs");
    }

    @Test
    void refusesPartsOfTheWrongShape() {
        assertThrows(IllegalArgumentException.class, () -> new KeyValue("bad host", KEY_ID, SECRET.toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> new KeyValue("h", KEY_ID.substring(1), SECRET.toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> new KeyValue("h", KEY_ID, (SECRET + "x").toCharArray()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new KeyValue("h", KEY_ID, SECRET.replace('a', '-').toCharArray()));
        assertFalse(refused.getMessage().contains("bcdef"), "never quotes the secret");
    }
}
