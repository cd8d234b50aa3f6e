package io.keygate.keys.internal;

import static io.keygate.keys.api.InvalidKeyValueException.Reason.BAD_CHECKSUM;
import static io.keygate.keys.api.InvalidKeyValueException.Reason.MALFORMED_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.keygate.keys.api.InvalidKeyValueException;
import io.keygate.keys.api.KeyValue;
import io.keygate.keys.api.KeyValueGenerator;
import io.keygate.platform.api.Base62;
import io.keygate.platform.api.TokenChecksum;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyChecksumTest {

    private static final String HOST = "enroll.example.com:8443";
    private static final int TOKEN = ("1|" + HOST + "|").length();
    private static final int KEY_ID = TOKEN + 4;
    private static final int SEPARATOR = KEY_ID + 16;

    private final KeyValueGenerator generator = KeyValueGenerator.forHost(HOST);
    // only picks which substitutions to try; they need not be secret
    private final Random pick = new Random();

    @Test
    void isTheCrc32OfTheTokenInSixZeroPaddedBase62Digits() {
        // the standard CRC-32 check value: CRC32("123456789") = 0xCBF43926 = 3421780262
        assertEquals(Base62.encode(3_421_780_262L, 6), TokenChecksum.of("123456789", 0, 9));
        assertEquals("3jZRME", Base62.encode(3_421_780_262L, 6), "computed independently");
        assertEquals("000000", Base62.encode(0, 6));
        assertEquals("4gfFC3", Base62.encode(0xFFFF_FFFFL, 6), "the largest CRC32 still fits 6 digits");
        assertEquals("00000z", Base62.encode(61, 6));
    }

    @Test
    void catchesEverySingleCharacterChangeOfTheTokenIn10000Keys() {
        for (int k = 0; k < 10_000; k++) {
            char[] value = generator.generate().reveal().toCharArray();
            for (int position = TOKEN; position < value.length; position++) {
                char original = value[position];
                for (int substitution = 0; substitution < 5; substitution++) {
                    value[position] = otherBase62Than(original);
                    assertRefused(value, position);
                }
                value[position] = original;
            }
        }
    }

    @Test
    void catchesEveryPossibleSubstitutionAtEveryPositionOf500Keys() {
        for (int k = 0; k < 500; k++) {
            char[] value = generator.generate().reveal().toCharArray();
            for (int position = TOKEN; position < value.length; position++) {
                char original = value[position];
                for (char other : Base62.ALPHABET.toCharArray()) {
                    if (other != original) {
                        value[position] = other;
                        assertRefused(value, position);
                    }
                }
                value[position] = original;
            }
        }
    }

    @Test
    void catchesEverySwapOfTwoAdjacentDifferentCharactersIn1000Keys() {
        for (int k = 0; k < 1_000; k++) {
            char[] value = generator.generate().reveal().toCharArray();
            for (int position = KEY_ID; position < value.length - 1; position++) {
                if (value[position] != value[position + 1] && position != SEPARATOR && position + 1 != SEPARATOR) {
                    swap(value, position);
                    assertRefused(value, position);
                    swap(value, position);
                }
            }
        }
    }

    /** The fixed characters (mpk_ and the _ after the keyId) fail the shape check; the others the checksum. */
    private static void assertRefused(char[] value, int position) {
        String altered = new String(value);
        InvalidKeyValueException.Reason expected = position < KEY_ID || position == SEPARATOR ? MALFORMED_KEY : BAD_CHECKSUM;
        InvalidKeyValueException refused = assertThrows(InvalidKeyValueException.class, () -> KeyValue.parse(altered));
        if (refused.reason() != expected) {
            fail("position " + position + ": " + refused.getMessage());
        }
    }

    private char otherBase62Than(char original) {
        char other;
        do {
            other = Base62.ALPHABET.charAt(pick.nextInt(Base62.BASE));
        } while (other == original);
        return other;
    }

    private static void swap(char[] value, int position) {
        char first = value[position];
        value[position] = value[position + 1];
        value[position + 1] = first;
    }
}
