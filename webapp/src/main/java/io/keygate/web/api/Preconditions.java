package io.keygate.web.api;

import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.InvalidInputException;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conditional requests (R3): a resource's entity tag is its version ({@code ETag: "3"}), and {@code If-Match} on PUT
 * and DELETE names the version the client read, like the body's {@code version}. A stale one is answered with 412.
 */
final class Preconditions {

    static final String IF_MATCH = "If-Match";
    /** If-Match compares strongly (RFC 9110 13.1.1): a weak tag is refused, not matched. */
    private static final Pattern TAG = Pattern.compile("\"(\\d{1,18})\"");

    private Preconditions() {
    }

    /** The version {@code If-Match} names; empty without the header. A list of tags, {@code *} or anything else is refused. */
    static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        Matcher tag = TAG.matcher(header.strip());
        if (!tag.matches()) {
            throw new InvalidInputException("if_match_invalid", IF_MATCH, "If-Match takes the one strong entity tag the resource's ETag gives, like \"3\".");
        }
        return OptionalLong.of(Long.parseLong(tag.group(1)));
    }

    /** The version a PUT asks for: the body's, or If-Match's when the body has none; refused when the two differ. */
    static Long version(String ifMatchHeader, Long bodyVersion) {
        OptionalLong ifMatch = ifMatch(ifMatchHeader);
        if (ifMatch.isEmpty()) {
            return bodyVersion;
        }
        if (bodyVersion != null && bodyVersion != ifMatch.getAsLong()) {
            throw new InvalidInputException("version_mismatch", "version", "If-Match and the body's version name different versions.");
        }
        return ifMatch.getAsLong();
    }

    /**
     * Runs a change that If-Match may have named the version of: when it did, a stale version is a failed precondition
     * (412) rather than a conflict (409), which a stale version in the body stays.
     */
    static <T> T guarded(String ifMatchHeader, Supplier<T> change) {
        try {
            return change.get();
        } catch (ConflictException refusal) {
            if (ifMatch(ifMatchHeader).isPresent() && "stale_version".equals(refusal.id())) {
                throw new PreconditionFailedException(refusal);
            }
            throw refusal;
        }
    }

    static String entityTag(long version) {
        return "\"" + version + "\"";
    }
}
