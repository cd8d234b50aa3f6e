package io.keygate.certificates.internal;

import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.LikePatterns;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The filtered, sorted, paged reads of the certificates list, done by the database. */
final class SigningCertificateQueries {

    private static final int EXPORT_BATCH = 1_000;

    private final EntityManager em;

    SigningCertificateQueries(EntityManager em) {
        this.em = em;
    }

    List<SigningCertificate> page(long organization, SigningCertificateFilter filter, PageRequest page) {
        return CriteriaPages.page(em, SigningCertificate.class, matching(organization, filter), page);
    }

    /** Every matching certificate in order, a batch at a time. */
    long forEach(long organization, SigningCertificateFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<SigningCertificate> each)
            throws IOException {
        return CriteriaPages.forEach(em, SigningCertificate.class, matching(organization, filter), sort, EXPORT_BATCH, each);
    }

    long count(long organization, SigningCertificateFilter filter) {
        return CriteriaPages.count(em, SigningCertificate.class, matching(organization, filter));
    }

    private static CriteriaPages.Filter<SigningCertificate> matching(long organization, SigningCertificateFilter filter) {
        return (cb, query, certificate) -> {
            List<Predicate> where = new ArrayList<>(CriteriaPages.nameContains(cb, certificate, filter.nameContains()));
            where.add(cb.equal(certificate.get("organizationId"), organization));
            if (filter.search() != null && !filter.search().isBlank()) {
                String pattern = LikePatterns.containing(filter.search());
                where.add(cb.or(cb.like(cb.lower(certificate.get("name")), pattern, LikePatterns.ESCAPE),
                        cb.like(cb.lower(certificate.get("description")), pattern, LikePatterns.ESCAPE)));
            }
            if (!filter.types().isEmpty()) {
                where.add(certificate.get("type").in(filter.types()));
            }
            return where;
        };
    }
}
