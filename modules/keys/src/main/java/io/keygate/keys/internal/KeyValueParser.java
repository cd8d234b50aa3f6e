package io.keygate.keys.internal;

import static io.keygate.keys.api.InvalidKeyValueException.Reason.BAD_CHECKSUM;
import static io.keygate.keys.api.InvalidKeyValueException.Reason.MALFORMED_KEY;
import static io.keygate.keys.api.InvalidKeyValueException.Reason.UNSUPPORTED_VERSION;

import io.keygate.keys.api.InvalidKeyValueException;
import io.keygate.keys.api.KeyValue;
import io.keygate.platform.api.Base62;
import io.keygate.platform.api.TokenChecksum;
import java.util.Arrays;

/**
 * Checks, in order: length, surrounding whitespace trimmed, {@code <version>|<host>|<token>} with a
 * version this server reads, the host, the token's shape, then its checksum. A version other than
 * 1 is reported before the rest is looked at, since a later format may shape the rest differently.
 */
public final class KeyValueParser {

    /** Longer input is refused before any other work (a valid value has at most 332 characters). */
    public static final int MAX_INPUT_LENGTH = 4096;

    private static final String SHAPE = "expected <version>|<host>|mpk_<keyId>_<secret><checksum>";
    private static final int KEY_ID_START = KeyValue.PREFIX.length();
    private static final int SEPARATOR = KEY_ID_START + KeyValue.KEY_ID_LENGTH;
    private static final int SECRET_START = SEPARATOR + 1;
    private static final int CHECKSUM_START = SECRET_START + KeyValue.SECRET_LENGTH;
    private static final int TOKEN_LENGTH = CHECKSUM_START + KeyValue.CHECKSUM_LENGTH;

    private KeyValueParser() {
    }

    public static KeyValue parse(CharSequence text) {
        if (text == null) {
            throw malformed("no key value");
        }
        if (text.length() > MAX_INPUT_LENGTH) {
            throw malformed("longer than " + MAX_INPUT_LENGTH + " characters");
        }
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            throw malformed("empty");
        }
        int firstBar = indexOf(text, '|', from, to);
        if (firstBar < 0) {
            throw malformed(SHAPE);
        }
        checkVersion(text, from, firstBar);
        int secondBar = indexOf(text, '|', firstBar + 1, to);
        if (secondBar < 0) {
            throw malformed(SHAPE);
        }
        String host = text.subSequence(firstBar + 1, secondBar).toString();
        String hostProblem = HostSyntax.problem(host);
        if (hostProblem != null) {
            throw malformed("host " + hostProblem);
        }
        return token(text, secondBar + 1, to, host);
    }

    /**
     * A bare token ({@code mpk_<keyId>_<secret><checksum>}) as it turns up in pasted text, such as a log or a
     * repository with a leaked key; its shape and checksum are checked like a whole value's. The verifier does not
     * involve the host, so the server's own stands in for it.
     */
    public static KeyValue parseToken(CharSequence token, String host) {
        return token(token, 0, token.length(), host);
    }

    private static KeyValue token(CharSequence text, int token, int to, String host) {
        checkTokenShape(text, token, to);
        if (!matches(text, token + CHECKSUM_START, to, TokenChecksum.of(text, token, token + CHECKSUM_START))) {
            throw new InvalidKeyValueException(BAD_CHECKSUM, "the checksum does not match the token (a typo, or not a real key)");
        }
        char[] secret = new char[KeyValue.SECRET_LENGTH];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = text.charAt(token + SECRET_START + i);
        }
        try {
            return new KeyValue(host, text.subSequence(token + KEY_ID_START, token + SEPARATOR).toString(), secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static void checkVersion(CharSequence text, int from, int to) {
        if (to == from) {
            throw malformed("no version before the first |");
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw malformed("the version before the first | is not a number");
            }
        }
        if (to - from != 1 || text.charAt(from) != '0' + KeyValue.VERSION) {
            String version = to - from <= 9 ? text.subSequence(from, to).toString() : "of " + (to - from) + " digits";
            throw new InvalidKeyValueException(UNSUPPORTED_VERSION,
                    "version " + version + " is not supported; this server reads version " + KeyValue.VERSION);
        }
    }

    private static void checkTokenShape(CharSequence text, int from, int to) {
        if (!matches(text, from, to, KeyValue.PREFIX)) {
            throw malformed("the token does not start with " + KeyValue.PREFIX);
        }
        if (to - from != TOKEN_LENGTH) {
            throw malformed("the token has " + (to - from) + " characters, expected " + TOKEN_LENGTH
                    + " (mpk_, 16-character keyId, _, 43-character secret, 6-character checksum)");
        }
        if (text.charAt(from + SEPARATOR) != '_') {
            throw malformed("no _ after the 16-character keyId");
        }
        if (!Base62.allDigits(text, from + KEY_ID_START, from + SEPARATOR)) {
            throw malformed("the keyId is not 16 base62 characters");
        }
        if (!Base62.allDigits(text, from + SECRET_START, to)) {
            throw malformed("the secret and checksum are not 49 base62 characters");
        }
    }

    private static boolean matches(CharSequence text, int at, int to, String expected) {
        if (at + expected.length() > to) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (text.charAt(at + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence text, char wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidKeyValueException malformed(String detail) {
        return new InvalidKeyValueException(MALFORMED_KEY, detail);
    }
}
