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

@ApplicationScoped
public class DefaultClientCertificateIssuer implements ClientCertificateIssuer {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

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
        SigningCertificate authority = em.find(SigningCertificate.class, signingCertificateId);
        if (authority == null || authority.organizationId != organizationId) {
            throw new IllegalStateException("Signing certificate " + signingCertificateId + " is not one of organisation " + organizationId);
        }
        // a few minutes back, so a machine whose clock runs slightly behind accepts its certificate at once
        Instant now = Timestamps.now().toInstant().minus(CLOCK_SKEW);
        CertificateAuthorities.Issued issuer = new CertificateAuthorities.Issued(CertificateAuthorities.parsePem(authority.certificatePem),
                DefaultSigningCertificateService.unsealedKey(vault, authority));
        X509Certificate certificate = ClientCertificates.issue(request.publicKey(), hostname, accounts.organizationName(organizationId), issuer,
                now, lifetime);
        String pem = CertificateAuthorities.pem(certificate);
        StringBuilder chain = new StringBuilder(pem);
        for (SigningCertificate ca = authority; ca != null; ca = ca.parentId == null ? null : em.find(SigningCertificate.class, ca.parentId)) {
            chain.append(ca.certificatePem);
        }
        return new ClientCertificate(certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), pem, chain.toString());
    }
}
