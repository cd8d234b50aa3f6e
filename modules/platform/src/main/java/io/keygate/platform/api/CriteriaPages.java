package io.keygate.platform.api;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of a module's own entities, filtered, sorted and counted by the database. Sorting by
 * {@code name} ignores case; every order ends with the id, so pages never overlap or skip rows.
 */
public final class CriteriaPages {

    /** The conditions a list applies, in the module's own terms; {@code query} makes subqueries. */
    @FunctionalInterface
    public interface Filter<T> {
        List<Predicate> where(CriteriaBuilder cb, AbstractQuery<?> query, Root<T> root);
    }

    private CriteriaPages() {
    }

    /**
     * One page, in two steps: the page's ids in order (which an index holding the sort key and the id answers
     * without reading the table, at any depth), then those rows.
     */
    public static <T> List<T> page(EntityManager em, Class<T> type, Filter<T> filter, PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> idQuery = cb.createQuery(Long.class);
        Root<T> root = idQuery.from(type);
        idQuery.select(root.get("id")).where(filter.where(cb, idQuery, root).toArray(Predicate[]::new)).orderBy(order(cb, root, page));
        List<Long> ids = em.createQuery(idQuery).setFirstResult(page.offset()).setMaxResults(page.pageSize()).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        CriteriaQuery<T> rowQuery = cb.createQuery(type);
        Root<T> row = rowQuery.from(type);
        rowQuery.where(row.get("id").in(ids));
        PersistenceUnitUtil identities = em.getEntityManagerFactory().getPersistenceUnitUtil();
        Map<Object, T> byId = new HashMap<>();
        em.createQuery(rowQuery).getResultList().forEach(entity -> byId.put(identities.getIdentifier(entity), entity));
        // a row deleted between the two steps is simply not on the page
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    private static <T> List<Order> order(CriteriaBuilder cb, Root<T> root, PageRequest page) {
        List<Order> order = new ArrayList<>();
        for (SortOrder sort : page.sort()) {
            Expression<?> key = "name".equals(sort.field()) ? cb.lower(root.get("name")) : root.get(sort.field());
            order.add(sort.ascending() ? cb.asc(key) : cb.desc(key));
        }
        if (page.sort().isEmpty()) {
            order.add(cb.asc(cb.lower(root.get("name"))));
        }
        order.add(cb.asc(root.get("id")));
        return order;
    }

    /** How many rows match, counted exactly up to {@code cap}; beyond it, {@code cap} and not exact. */
    public static <T> Total countUpTo(EntityManager em, Class<T> type, Filter<T> filter, int cap) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        query.select(root.get("id")).where(filter.where(cb, query, root).toArray(Predicate[]::new));
        int found = em.createQuery(query).setMaxResults(cap + 1).getResultList().size();
        return found > cap ? new Total(cap, false) : new Total(found, true);
    }

    /** A count, and whether it is exact or a lower bound. */
    public record Total(long count, boolean exact) {
    }

    public static <T> long count(EntityManager em, Class<T> type, Filter<T> filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        query.select(cb.count(root)).where(filter.where(cb, query, root).toArray(Predicate[]::new));
        return em.createQuery(query).getSingleResult();
    }

    /** The case-insensitive "name contains" condition, or none for an empty text. */
    public static <T> List<Predicate> nameContains(CriteriaBuilder cb, Root<T> root, String text) {
        return text == null || text.isBlank() ? List.of()
                : List.of(cb.like(cb.lower(root.get("name")), LikePatterns.containing(text), LikePatterns.ESCAPE));
    }
}
