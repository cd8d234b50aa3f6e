package io.keygate.keys.api;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generate a new key with the settings of an existing one (K12).
 *
 * @param name               the new key's name; null takes {@link #successorName} of the old one (or the next free)
 * @param keepOldValidUntil  null disables the old key at once; else it keeps working until this instant
 */
public record RotateProvisioningKey(String name, Instant keepOldValidUntil) {

    private static final Pattern NUMBERED = Pattern.compile("^(.*)-(\\d{1,9})$");

    /** {@code laptops} → {@code laptops-2}, {@code laptops-2} → {@code laptops-3}: rotations keep a readable lineage. */
    public static String successorName(String name) {
        Matcher numbered = NUMBERED.matcher(name);
        String base = numbered.matches() ? numbered.group(1) : name;
        int next = numbered.matches() ? Integer.parseInt(numbered.group(2)) + 1 : 2;
        String suffix = "-" + next;
        return base.substring(0, Math.min(base.length(), 255 - suffix.length())) + suffix;
    }
}
