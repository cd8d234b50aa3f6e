package io.keygate.keys.internal;

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

/** The filtered, sorted, paged reads of the keys list, done by the database. */
final class ProvisioningKeyQueries {

    private final EntityManager em;

    ProvisioningKeyQueries(EntityManager em) {
        this.em = em;
    }

    List<ProvisioningKey> page(long organization, String nameContains, PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<ProvisioningKey> query = cb.createQuery(ProvisioningKey.class);
        Root<ProvisioningKey> key = query.from(ProvisioningKey.class);
        query.where(matching(cb, key, organization, nameContains));
        List<Order> order = new ArrayList<>();
        for (SortOrder sort : page.sort()) {
            Expression<?> sortKey = "name".equals(sort.field()) ? cb.lower(key.get("name")) : key.get(sort.field());
            order.add(sort.ascending() ? cb.asc(sortKey) : cb.desc(sortKey));
        }
        if (page.sort().isEmpty()) {
            order.add(cb.asc(cb.lower(key.get("name"))));
        }
        order.add(cb.asc(key.get("id")));
        query.orderBy(order);
        return em.createQuery(query).setFirstResult(page.offset()).setMaxResults(page.pageSize()).getResultList();
    }

    long count(long organization, String nameContains) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<ProvisioningKey> key = query.from(ProvisioningKey.class);
        query.select(cb.count(key)).where(matching(cb, key, organization, nameContains));
        return em.createQuery(query).getSingleResult();
    }

    private static Predicate[] matching(CriteriaBuilder cb, Root<ProvisioningKey> key, long organization, String nameContains) {
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(key.get("organizationId"), organization));
        where.add(cb.isNull(key.get("deletedAt")));
        if (nameContains != null && !nameContains.isBlank()) {
            where.add(cb.like(cb.lower(key.get("name")), LikePatterns.containing(nameContains), LikePatterns.ESCAPE));
        }
        return where.toArray(Predicate[]::new);
    }
}
