package io.keygate.platform.api;

/** SQL LIKE patterns for "contains" filters, with the user's own % and _ matching literally (escape character \). */
public final class LikePatterns {

    public static final char ESCAPE = '\\';

    private LikePatterns() {
    }

    /** A lower-case pattern matching any text that contains {@code text}, ignoring case. */
    public static String containing(String text) {
        return "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
