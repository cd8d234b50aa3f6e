package io.keygate.platform.api;

/** The 62 characters of key and token values, in ASCII order: digits, upper case, lower case. */
public final class Base62 {

    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final int BASE = 62;

    private Base62() {
    }

    public static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    public static boolean allDigits(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean allDigits(char[] text) {
        for (char c : text) {
            if (!isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} (not negative) in exactly {@code width} digits, most significant first, zero-padded. */
    public static String encode(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value");
        }
        char[] digits = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % BASE));
            value /= BASE;
        }
        if (value != 0) {
            throw new IllegalArgumentException("value needs more than " + width + " base62 digits");
        }
        return new String(digits);
    }
}
