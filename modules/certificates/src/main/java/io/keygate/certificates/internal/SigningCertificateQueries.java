package io.keygate.certificates.internal;

import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;

/** The filtered, sorted, paged reads of the certificates list, done by the database. */
final class SigningCertificateQueries {

    private final EntityManager em;

    SigningCertificateQueries(EntityManager em) {
        this.em = em;
    }

    List<SigningCertificate> page(long organization, String nameContains, PageRequest page) {
        return CriteriaPages.page(em, SigningCertificate.class, matching(organization, nameContains), page);
    }

    long count(long organization, String nameContains) {
        return CriteriaPages.count(em, SigningCertificate.class, matching(organization, nameContains));
    }

    private static CriteriaPages.Filter<SigningCertificate> matching(long organization, String nameContains) {
        return (cb, query, certificate) -> {
            List<Predicate> where = new ArrayList<>(CriteriaPages.nameContains(cb, certificate, nameContains));
            where.add(cb.equal(certificate.get("organizationId"), organization));
            return where;
        };
    }
}
