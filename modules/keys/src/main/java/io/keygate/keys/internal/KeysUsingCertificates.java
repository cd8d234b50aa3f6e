package io.keygate.keys.internal;

import io.keygate.certificates.api.CertificateUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Tells the certificates module how many live keys use a certificate, without it reading this module's table. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class KeysUsingCertificates implements CertificateUsage {

    @PersistenceContext(unitName = "keygate")
    EntityManager em;

    @Override
    public long keysUsing(long organizationId, long signingCertificateId) {
        return em.createQuery("SELECT COUNT(k) FROM ProvisioningKey k WHERE k.organizationId = :organization "
                        + "AND k.signingCertificateId = :certificate AND k.deletedAt IS NULL", Long.class)
                .setParameter("organization", organizationId)
                .setParameter("certificate", signingCertificateId)
                .getSingleResult();
    }
}
