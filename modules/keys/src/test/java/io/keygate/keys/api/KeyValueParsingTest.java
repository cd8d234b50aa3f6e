package io.keygate.keys.api;

import static io.keygate.keys.api.InvalidKeyValueException.Reason.BAD_CHECKSUM;
import static io.keygate.keys.api.InvalidKeyValueException.Reason.MALFORMED_KEY;
import static io.keygate.keys.api.InvalidKeyValueException.Reason.UNSUPPORTED_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal of the format check, with its reason; none quotes the secret. */
class KeyValueParsingTest {

    private static final String HOST = "enroll.example.com:8443";
    private static final String KEY_ID = "0123456789ABCDEF";
    private static final String SECRET = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String TOKEN = tokenOf(KEY_ID, SECRET);
    private static final String VALUE = "1|" + HOST + "|" + TOKEN;

    static Stream<Arguments> refusals() {
        String secretAndChecksum = TOKEN.substring(21);
        return Stream.of(
                refused("nothing", null, MALFORMED_KEY),
                refused("empty", "", MALFORMED_KEY),
                refused("only whitespace", " \n\t", MALFORMED_KEY),
                refused("only the token", TOKEN, MALFORMED_KEY),
                refused("no token", "1|" + HOST, MALFORMED_KEY),
                refused("no token after the host", "1|" + HOST + "|", MALFORMED_KEY),
                refused("no host", "1||" + TOKEN, MALFORMED_KEY),
                refused("no version", "|" + HOST + "|" + TOKEN, MALFORMED_KEY),
                refused("version not a number", "v1|" + HOST + "|" + TOKEN, MALFORMED_KEY),
                refused("version 2", "2|" + HOST + "|" + TOKEN, UNSUPPORTED_VERSION),
                refused("version 0", "0|" + HOST + "|" + TOKEN, UNSUPPORTED_VERSION),
                refused("version 01", "01|" + HOST + "|" + TOKEN, UNSUPPORTED_VERSION),
                refused("version 10", "10|" + HOST + "|" + TOKEN, UNSUPPORTED_VERSION),
                refused("version 2 in a shape of its own", "2|anything at all", UNSUPPORTED_VERSION),
                refused("wrong prefix", "1|" + HOST + "|mpx_" + TOKEN.substring(4), MALFORMED_KEY),
                refused("upper-case prefix", "1|" + HOST + "|MPK_" + TOKEN.substring(4), MALFORMED_KEY),
                refused("no prefix", "1|" + HOST + "|" + TOKEN.substring(4), MALFORMED_KEY),
                refused("short prefix", "1|" + HOST + "|mp", MALFORMED_KEY),
                refused("keyId of 15", "1|" + HOST + "|mpk_" + KEY_ID.substring(1) + "_" + secretAndChecksum, MALFORMED_KEY),
                refused("keyId of 17", "1|" + HOST + "|mpk_" + KEY_ID + "G_" + secretAndChecksum, MALFORMED_KEY),
                refused("secret of 42", "1|" + HOST + "|" + tokenOf(KEY_ID, SECRET.substring(1)), MALFORMED_KEY),
                refused("secret of 44", "1|" + HOST + "|" + tokenOf(KEY_ID, SECRET + "H"), MALFORMED_KEY),
                refused("checksum of 5", VALUE.substring(0, VALUE.length() - 1), MALFORMED_KEY),
                refused("checksum of 7", VALUE + "0", MALFORMED_KEY),
                refused("no _ after the keyId", "1|" + HOST + "|mpk_" + KEY_ID + "-" + secretAndChecksum, MALFORMED_KEY),
                refused("- in the keyId", VALUE.replace("0123", "01-3"), MALFORMED_KEY),
                refused("+ in the secret", VALUE.replace("abcd", "ab+d"), MALFORMED_KEY),
                refused("é in the secret", VALUE.replace("abcd", "abéd"), MALFORMED_KEY),
                refused("/ in the checksum", VALUE.substring(0, VALUE.length() - 1) + "/", MALFORMED_KEY),
                refused("a third |", VALUE + "|x", MALFORMED_KEY),
                refused("whitespace inside", "1 |" + HOST + "|" + TOKEN, MALFORMED_KEY),
                refused("whitespace before the token", "1|" + HOST + "| " + TOKEN, MALFORMED_KEY),
                refused("a no-break space after", VALUE + "\u00A0", MALFORMED_KEY),
                refused("host with a space", "1|enroll example.com|" + TOKEN, MALFORMED_KEY),
                refused("host port 0", "1|enroll.example.com:0|" + TOKEN, MALFORMED_KEY),
                refused("host port 65536", "1|enroll.example.com:65536|" + TOKEN, MALFORMED_KEY),
                refused("host IPv6 without brackets", "1|2001:db8::1|" + TOKEN, MALFORMED_KEY),
                refused("host 256.1.1.1", "1|256.1.1.1|" + TOKEN, MALFORMED_KEY),
                refused("host with a path", "1|enroll.example.com/x|" + TOKEN, MALFORMED_KEY),
                refused("longer than 4096", VALUE + " ".repeat(4096), MALFORMED_KEY),
                refused("a changed secret", VALUE.replace("abcd", "abce"), BAD_CHECKSUM),
                refused("a changed keyId", VALUE.replace("0123", "0124"), BAD_CHECKSUM),
                refused("a changed checksum", VALUE.substring(0, VALUE.length() - 1) + otherThan(VALUE.charAt(VALUE.length() - 1)), BAD_CHECKSUM),
                refused("the checksum of another secret", "1|" + HOST + "|mpk_" + KEY_ID + "_" + SECRET.replace('a', 'b')
                        + TOKEN.substring(64), BAD_CHECKSUM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheRightReason(String what, String input, InvalidKeyValueException.Reason reason) {
        InvalidKeyValueException refused = assertThrows(InvalidKeyValueException.class, () -> KeyValue.parse(input));

        assertEquals(reason, refused.reason(), refused.getMessage());
        assertEquals(reason.code(), refused.code());
        assertFalse(refused.getMessage().contains(SECRET.substring(0, 8)), refused.getMessage());
        assertEquals(0, refused.getStackTrace().length, "no stack trace for input anyone can send");
    }

    @Test
    void reasonCodesAreTheDocumentedOnes() {
        assertEquals("malformed_key", MALFORMED_KEY.code());
        assertEquals("bad_checksum", BAD_CHECKSUM.code());
        assertEquals("unsupported_version", UNSUPPORTED_VERSION.code());
    }

    private static Arguments refused(String what, String input, InvalidKeyValueException.Reason reason) {
        return Arguments.of(what, input, reason);
    }

    private static String tokenOf(String keyId, String secret) {
        return "mpk_" + keyId + "_" + secret + checksumOf(keyId, secret);
    }

    /** Valid parts get their real checksum; parts of the wrong shape a placeholder, since they are refused before it is checked. */
    private static String checksumOf(String keyId, String secret) {
        try {
            return new KeyValue("h", keyId, secret.toCharArray()).checksum();
        } catch (IllegalArgumentException wrongShape) {
            return "000000";
        }
    }

    private static char otherThan(char c) {
        return c == 'A' ? 'B' : 'A';
    }
}
