package io.keygate.certificates.internal;

import io.keygate.accounts.api.AccountService;
import io.keygate.certificates.api.ClientCertificateIssuer;
import io.keygate.keymaterial.api.SecretVault;
import io.keygate.platform.api.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

@ApplicationScoped
public class DefaultClientCertificateIssuer implements ClientCertificateIssuer {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /**
     * Unsealing a CA key and reading its chain cost more than the signature itself, and neither ever changes, so a node
     * keeps them for a while: long enough to serve a burst of enrollments, short enough that an unsealed key does not
     * sit in memory for days after its last use.
     */
    static final Duration KEEP_UNSEALED = Duration.ofMinutes(10);
    static final int MAX_UNSEALED = 1_000;

    private final ConcurrentMap<Long, Authority> unsealed = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    SecretVault vault;
    @Inject
    AccountService accounts;

    @Override
    public CertificateRequest check(String pem) {
        return new CertificateRequest(ClientCertificates.requireValidRequest(pem));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public ClientCertificate issue(long organizationId, long signingCertificateId, CertificateRequest request, String hostname, Duration lifetime) {
        SigningCertificate stored = em.find(SigningCertificate.class, signingCertificateId);
        if (stored == null || stored.organizationId != organizationId) {
            throw new IllegalStateException("Signing certificate " + signingCertificateId + " is not one of organisation " + organizationId);
        }
        Authority authority = authority(stored);
        // a few minutes back, so a machine whose clock runs slightly behind accepts its certificate at once
        Instant now = Timestamps.now().toInstant().minus(CLOCK_SKEW);
        X509Certificate certificate = ClientCertificates.issue(request.publicKey(), hostname, accounts.organizationName(organizationId),
                authority.issuer(), now, lifetime);
        String pem = CertificateAuthorities.pem(certificate);
        return new ClientCertificate(certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), pem, pem + authority.chainPem());
    }

    private Authority authority(SigningCertificate stored) {
        long now = System.nanoTime();
        Authority known = unsealed.get(stored.id);
        if (known != null && now - known.unsealedAtNanos() < KEEP_UNSEALED.toNanos()) {
            return known;
        }
        StringBuilder chain = new StringBuilder();
        for (SigningCertificate ca = stored; ca != null; ca = ca.parentId == null ? null : em.find(SigningCertificate.class, ca.parentId)) {
            chain.append(ca.certificatePem);
        }
        Authority fresh = new Authority(new CertificateAuthorities.Issued(CertificateAuthorities.parsePem(stored.certificatePem),
                DefaultSigningCertificateService.unsealedKey(vault, stored, ClientCertificates.BOUNCY_CASTLE)), chain.toString(), now);
        if (unsealed.size() >= MAX_UNSEALED) {
            unsealed.clear();
        }
        unsealed.put(stored.id, fresh);
        return fresh;
    }

    /** A CA ready to sign: its certificate and unsealed key, and the PEM chain from it up to its root. */
    private record Authority(CertificateAuthorities.Issued issuer, String chainPem, long unsealedAtNanos) {
    }
}
