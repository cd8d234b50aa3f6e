package io.keygate.keys.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.certificates.api.ClientCertificateIssuer;
import io.keygate.certificates.api.ClientCertificateIssuer.CertificateRequest;
import io.keygate.keys.api.Enrollment;
import io.keygate.keys.api.EnrollmentLimits;
import io.keygate.keys.api.EnrollmentRefusedException;
import io.keygate.keys.api.EnrollmentRefusedException.Refusal;
import io.keygate.keys.api.EnrollmentRequest;
import io.keygate.keys.api.EnrollmentService;
import io.keygate.keys.api.InvalidKeyValueException;
import io.keygate.keys.api.KeyValue;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.RateWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Enrollment in the order of E2: the request's fields and CSR, then the key's format and checksum (neither touches
 * the database), then {@link EnrollmentTransaction}. A refusal is audited here, after that transaction has rolled
 * back and given its connection back: auditing inside it would hold two connections per waiting enrollment, and a
 * burst on one key could take the whole pool.
 */
@ApplicationScoped
public class DefaultEnrollmentService implements EnrollmentService {

    static final int MAX_TEXT = 255;
    /** The hostname becomes the certificate's CN, which X.509 bounds at 64 characters (RFC 5280, ub-common-name). */
    static final int MAX_HOSTNAME = 64;

    @Inject
    ClientCertificateIssuer certificates;
    @Inject
    EnrollmentTransaction transaction;
    @Inject
    AuditLog audit;
    @Inject
    EnrollmentRateLimits rateLimits;

    @Override
    public Enrollment enroll(EnrollmentRequest request) {
        EnrollmentLimits limits = rateLimits.limits();
        String address = "address " + request.sourceAddress();
        requireUnderLimit(address, limits.failuresPerAddress());
        EnrollmentAttempt attempt;
        CertificateRequest csr;
        try {
            attempt = new EnrollmentAttempt(request, requireText("hostname", request.hostname(), true, MAX_HOSTNAME),
                    requireText("fingerprint", request.fingerprint(), true, MAX_TEXT), requireText("os", request.os(), false, MAX_TEXT));
            csr = certificates.check(request.csr());
        } catch (InvalidInputException refused) {
            refuseUnreadable(request.sourceAddress(), refused.id());
            throw refused;
        }
        KeyValue value = null;
        try {
            value = KeyValueParser.parse(request.provisioningKey() == null ? "" : request.provisioningKey());
            attempt.keyId = value.keyId();
            requireUnderLimit("key " + value.keyId(), limits.failuresPerKey());
            return transaction.enroll(value, csr, attempt);
        } catch (InvalidKeyValueException malformed) {
            requireWithinLimit(countFailure(attempt, address, limits.failuresPerAddress()));
            throw refused(attempt, Refusal.INVALID_KEY, malformed.reason().code());
        } catch (EnrollmentAttempt.Refused refused) {
            if (refused.refusal == Refusal.INVALID_KEY) {
                // only guesses count: a caller holding the key is told why and is not locked out
                long addressWait = countFailure(attempt, address, limits.failuresPerAddress());
                requireWithinLimit(Math.max(addressWait, countFailure(attempt, "key " + attempt.keyId, limits.failuresPerKey())));
            }
            throw refused(attempt, refused.refusal, refused.reason);
        } finally {
            if (value != null) {
                value.destroy();
            }
        }
    }

    @Override
    public void refuseUnreadable(String sourceAddress, String reason) {
        int limit = rateLimits.limits().failuresPerAddress();
        String address = "address " + sourceAddress;
        requireUnderLimit(address, limit);
        EnrollmentAttempt attempt = EnrollmentAttempt.unread(sourceAddress);
        // counted before it is audited, as a guess is: one counted beyond the limit on another node at the same moment is refused unheard
        requireWithinLimit(countFailure(attempt, address, limit));
        audit.recordFailure(attempt.entry(AuditEntry.failure(EnrollmentAttempt.ACTION, reason)).withDetails(attempt.details(Map.of())));
    }

    private void requireUnderLimit(String subject, int limit) {
        long wait = rateLimits.retryAfter(subject, limit);
        if (wait > 0) {
            // audited once, when the limit was reached: a flood must not become a flood of audit rows
            throw new EnrollmentRefusedException(Refusal.RATE_LIMITED, wait);
        }
    }

    /**
     * Counts a failure; returns the seconds to wait when it went beyond the limit, else 0. Guesses that passed the check
     * at the same moment on any node are counted one at a time, so exactly the limit's number are answered as guesses.
     */
    private long countFailure(EnrollmentAttempt attempt, String subject, int limit) {
        RateWindows.Count failures = rateLimits.failed(subject, limit);
        if (failures.events() == limit) {
            audit.recordFailure(attempt.entry(AuditEntry.failure("enrollment.rate_limit", "excess_rate_limit_exceeded"))
                    .withDetails(attempt.details(Map.of("limited", subject, "failures", limit))));
        }
        return failures.events() > limit ? failures.secondsLeft() : 0;
    }

    /** A guess beyond the limit is answered like the ones the check refused before the key was looked at (no audit row). */
    private static void requireWithinLimit(long wait) {
        if (wait > 0) {
            throw new EnrollmentRefusedException(Refusal.RATE_LIMITED, wait);
        }
    }

    private EnrollmentRefusedException refused(EnrollmentAttempt attempt, Refusal refusal, String reason) {
        audit.recordFailure(attempt.entry(AuditEntry.failure(EnrollmentAttempt.ACTION, reason)).withDetails(attempt.details(Map.of("answer", refusal.id()))));
        return new EnrollmentRefusedException(refusal);
    }

    private static String requireText(String field, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInputException(field + "_missing", field, "The " + field + " is required.");
            }
            return "";
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw new InvalidInputException(field + "_too_long", field, "The " + field + " is longer than " + maxLength + " characters.");
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidInputException(field + "_invalid", field, "The " + field + " contains control characters.");
        }
        return text;
    }
}
