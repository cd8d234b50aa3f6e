package io.keygate.certificates.internal;

import io.keygate.platform.api.LikePatterns;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;

/** The filtered, sorted, paged reads of the certificates list, done by the database. */
final class SigningCertificateQueries {

    private final EntityManager em;

    SigningCertificateQueries(EntityManager em) {
        this.em = em;
    }

    List<SigningCertificate> page(long organization, String nameContains, PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<SigningCertificate> query = cb.createQuery(SigningCertificate.class);
        Root<SigningCertificate> certificate = query.from(SigningCertificate.class);
        query.where(matching(cb, certificate, organization, nameContains));
        List<Order> order = new ArrayList<>();
        for (SortOrder sort : page.sort()) {
            Expression<?> key = "name".equals(sort.field()) ? cb.lower(certificate.get("name")) : certificate.get(sort.field());
            order.add(sort.ascending() ? cb.asc(key) : cb.desc(key));
        }
        if (page.sort().isEmpty()) {
            order.add(cb.asc(cb.lower(certificate.get("name"))));
        }
        order.add(cb.asc(certificate.get("id")));
        query.orderBy(order);
        return em.createQuery(query).setFirstResult(page.offset()).setMaxResults(page.pageSize()).getResultList();
    }

    long count(long organization, String nameContains) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<SigningCertificate> certificate = query.from(SigningCertificate.class);
        query.select(cb.count(certificate)).where(matching(cb, certificate, organization, nameContains));
        return em.createQuery(query).getSingleResult();
    }

    private static Predicate[] matching(CriteriaBuilder cb, Root<SigningCertificate> certificate, long organization, String nameContains) {
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(certificate.get("organizationId"), organization));
        if (nameContains != null && !nameContains.isBlank()) {
            where.add(cb.like(cb.lower(certificate.get("name")), LikePatterns.containing(nameContains), LikePatterns.ESCAPE));
        }
        return where.toArray(Predicate[]::new);
    }
}
