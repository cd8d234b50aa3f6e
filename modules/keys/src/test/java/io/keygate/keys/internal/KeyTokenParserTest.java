package io.keygate.keys.internal;

import static io.keygate.keys.api.InvalidKeyValueException.Reason.BAD_CHECKSUM;
import static io.keygate.keys.api.InvalidKeyValueException.Reason.MALFORMED_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keygate.keys.api.InvalidKeyValueException;
import io.keygate.keys.api.KeyValue;
import io.keygate.keys.api.KeyValueGenerator;
import org.junit.jupiter.api.Test;

/** A bare token found in leaked text (S6) reads as the key it came from, and only a well-formed one with its checksum does. */
class KeyTokenParserTest {

    private final KeyValueGenerator generator = KeyValueGenerator.forHost("enroll.example.com:8443");

    @Test
    void readsTheTokenOfAValueAsThatKeyWhateverTheHost() {
        KeyValue value = generator.generate();
        String whole = value.reveal();
        String token = whole.substring(whole.lastIndexOf('|') + 1);

        KeyValue read = parse(token);

        assertEquals(value.keyId(), read.keyId());
        assertArrayEquals(value.verifierInput(), read.verifierInput(), "the verifier does not involve the host");
        assertEquals("other.example.com", read.host());
    }

    @Test
    void refusesATokenWithAWrongChecksumOrShape() {
        String whole = generator.generate().reveal();
        String token = whole.substring(whole.lastIndexOf('|') + 1);
        String typo = token.substring(0, 30) + (token.charAt(30) == 'a' ? 'b' : 'a') + token.substring(31);

        assertEquals(BAD_CHECKSUM, assertThrows(InvalidKeyValueException.class, () -> parse(typo)).reason());
        assertEquals(MALFORMED_KEY, assertThrows(InvalidKeyValueException.class, () -> parse(token.substring(1))).reason());
        assertEquals(MALFORMED_KEY, assertThrows(InvalidKeyValueException.class, () -> parse(token + "0")).reason());
    }

    private static KeyValue parse(String token) {
        return KeyValueParser.parseToken(token, "other.example.com");
    }
}
