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
import jakarta.persistence.criteria.Selection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One page of a module's own entities, filtered, sorted and counted by the database. Sorting by
 * {@code name} ignores case; every order ends with the id, so pages never overlap or skip rows.
 */
public final class CriteriaPages {

    /**
     * Rows this deep into the order are read in one query; deeper pages read their ids first, from an index
     * alone where one holds the order, which saves reading every skipped row from the table.
     */
    private static final int ONE_STEP_DEPTH = 1_000;

    /** The conditions a list applies, in the module's own terms; {@code query} makes subqueries. */
    @FunctionalInterface
    public interface Filter<T> {
        List<Predicate> where(CriteriaBuilder cb, AbstractQuery<?> query, Root<T> root);
    }

    private CriteriaPages() {
    }

    /** One page, in two steps: the page's ids in order, then those rows. */
    public static <T> List<T> page(EntityManager em, Class<T> type, Filter<T> filter, PageRequest page) {
        return slice(em, type, filter, page, OptionalLong.empty()).rows();
    }

    /**
     * One page and whether rows follow it. Near the start of the order the rows are read in one query; deeper
     * down in two steps: the page's ids in order (which an index holding the sort key and the id answers
     * without reading the table), then those rows. With the exact number of matching rows known, a page past
     * the middle is read from the end in the reverse order, so no page skips more than half of the rows
     * (page 40,000 of 50,000 skips 200,000 instead of 800,000).
     */
    public static <T> Slice<T> slice(EntityManager em, Class<T> type, Filter<T> filter, PageRequest page, OptionalLong exactTotal) {
        long fromEnd = exactTotal.isPresent() ? exactTotal.getAsLong() - page.offset() - page.pageSize() : -1;
        boolean fromTheEnd = exactTotal.isPresent() && fromEnd > -page.pageSize() && fromEnd < page.offset();
        int skip = fromTheEnd ? (int) Math.max(0, fromEnd) : page.offset();
        // from the start, one row more than the page tells whether rows follow it
        int limit = fromTheEnd ? (int) Math.min(page.pageSize(), page.pageSize() + fromEnd) : page.pageSize() + 1;
        List<T> rows = new ArrayList<>(skip < ONE_STEP_DEPTH
                ? inOneStep(em, type, filter, page, fromTheEnd, skip, limit)
                : rows(em, type, ids(em, type, filter, page, fromTheEnd, skip, limit)));
        if (fromTheEnd) {
            Collections.reverse(rows);
            return new Slice<>(rows, fromEnd > 0);
        }
        boolean more = rows.size() > page.pageSize();
        return new Slice<>(more ? rows.subList(0, page.pageSize()) : rows, more);
    }

    private static <T> List<T> inOneStep(EntityManager em, Class<T> type, Filter<T> filter, PageRequest page, boolean reversed, int skip,
                                         int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<T> query = cb.createQuery(type);
        Root<T> root = query.from(type);
        query.select(root).where(filter.where(cb, query, root).toArray(Predicate[]::new)).orderBy(order(cb, root, page, reversed));
        return em.createQuery(query).setFirstResult(skip).setMaxResults(limit).getResultList();
    }

    private static <T> List<Long> ids(EntityManager em, Class<T> type, Filter<T> filter, PageRequest page, boolean reversed, int skip, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        query.select(root.get("id")).where(filter.where(cb, query, root).toArray(Predicate[]::new)).orderBy(order(cb, root, page, reversed));
        return em.createQuery(query).setFirstResult(skip).setMaxResults(limit).getResultList();
    }

    private static <T> List<T> rows(EntityManager em, Class<T> type, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<T> rowQuery = cb.createQuery(type);
        Root<T> row = rowQuery.from(type);
        rowQuery.where(row.get("id").in(ids));
        PersistenceUnitUtil identities = em.getEntityManagerFactory().getPersistenceUnitUtil();
        Map<Object, T> byId = new HashMap<>();
        em.createQuery(rowQuery).getResultList().forEach(entity -> byId.put(identities.getIdentifier(entity), entity));
        // a row deleted between the two steps is simply not on the page
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /**
     * Every matching row in the given order, in batches of {@code batchSize}: each batch continues after the last
     * row of the one before (its sort keys and id, "seek" paging), so every batch is an index range however deep
     * it is, and the persistence context is cleared between batches, so memory stays flat however many rows match
     * (exports, X1). A row changed while the batches are read is seen as its batch found it. Needs a transaction.
     */
    public static <T> long forEach(EntityManager em, Class<T> type, Filter<T> filter, List<SortOrder> sort, int batchSize,
                                   RowHandler<T> each) throws IOException {
        return forEachBatch(em, type, filter, sort, batchSize, batch -> {
            for (T row : batch) {
                each.handle(row);
            }
        });
    }

    /** {@link #forEach}, a batch at a time, for callers that read something more per batch (counts, names). */
    public static <T> long forEachBatch(EntityManager em, Class<T> type, Filter<T> filter, List<SortOrder> sort, int batchSize,
                                        RowHandler<List<T>> each) throws IOException {
        List<Object> after = null;
        long handed = 0;
        while (true) {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
            Root<T> root = query.from(type);
            List<Expression<?>> keys = sortKeys(cb, root, sort);
            List<Boolean> ascending = ascending(sort);
            List<Predicate> where = new ArrayList<>(filter.where(cb, query, root));
            if (after != null) {
                where.add(after(cb, keys, ascending, after, NEVER_NULL.contains(sortField(sort))));
            }
            List<Selection<?>> selected = new ArrayList<>(keys);
            query.multiselect(selected).where(where.toArray(Predicate[]::new))
                    .orderBy(order(cb, root, new PageRequest(1, 1, sort.isEmpty() ? List.of(new SortOrder("name", true)) : sort)));
            List<Object[]> batch = em.createQuery(query).setMaxResults(batchSize).getResultList();
            if (batch.isEmpty()) {
                return handed;
            }
            List<Long> ids = batch.stream().map(row -> ((Number) row[row.length - 1]).longValue()).toList();
            List<T> rows = rows(em, type, ids);
            each.handle(rows);
            handed += rows.size();
            after = Arrays.asList(batch.get(batch.size() - 1));
            em.clear();
            if (batch.size() < batchSize) {
                return handed;
            }
        }
    }

    /** Takes the rows of {@link #forEach} (or the batches of {@link #forEachBatch}); may write them out, hence the IOException. */
    @FunctionalInterface
    public interface RowHandler<T> {
        void handle(T row) throws IOException;
    }

    /** Sort fields no row leaves empty, so a batch may start an index range at the last value (nulls sort apart). */
    private static final Set<String> NEVER_NULL = Set.of("name", "hostname", "createdAt", "enrolledAt", "usageCount", "occurredAt", "action", "outcome");

    private static String sortField(List<SortOrder> sort) {
        return sort.isEmpty() ? "name" : sort.get(0).field();
    }

    /** The expressions of the order, the id last: what a batch selects to know where the next one starts. */
    private static <T> List<Expression<?>> sortKeys(CriteriaBuilder cb, Root<T> root, List<SortOrder> sort) {
        List<Expression<?>> keys = new ArrayList<>();
        for (SortOrder order : sort.isEmpty() ? List.of(new SortOrder("name", true)) : sort) {
            keys.add("name".equals(order.field()) ? cb.lower(root.get("name")) : root.get(order.field()));
        }
        keys.add(root.get("id"));
        return keys;
    }

    private static List<Boolean> ascending(List<SortOrder> sort) {
        List<Boolean> ascending = new ArrayList<>();
        (sort.isEmpty() ? List.of(new SortOrder("name", true)) : sort).forEach(order -> ascending.add(order.ascending()));
        ascending.add(true);
        return ascending;
    }

    /**
     * Rows after {@code last} in the order of {@code keys}: the first key after its value, or equal to it and the
     * next key after its value, and so on. PostgreSQL puts nulls last when ascending and first when descending.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate after(CriteriaBuilder cb, List<Expression<?>> keys, List<Boolean> ascending, List<Object> last,
                                   boolean neverNullFirst) {
        List<Predicate> alternatives = new ArrayList<>();
        List<Predicate> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Expression key = keys.get(i);
            Object value = last.get(i);
            Predicate beyond;
            if (ascending.get(i)) {
                beyond = value == null ? null : cb.or(cb.greaterThan(key, (Comparable) value), cb.isNull(key));
            } else {
                beyond = value == null ? cb.isNotNull(key) : cb.lessThan(key, (Comparable) value);
            }
            if (beyond != null) {
                List<Predicate> alternative = new ArrayList<>(equalSoFar);
                alternative.add(beyond);
                alternatives.add(cb.and(alternative.toArray(Predicate[]::new)));
            }
            equalSoFar.add(value == null ? cb.isNull(key) : cb.equal(key, value));
        }
        Predicate later = alternatives.isEmpty() ? cb.disjunction() : cb.or(alternatives.toArray(Predicate[]::new));
        Object first = last.get(0);
        if (neverNullFirst && first != null) {
            // the same rows, but a bound PostgreSQL can start an index range at: without it, the OR above makes every
            // batch scan the index from its beginning (measured: 800 rows/s at a million keys, bench/exports)
            Expression key = keys.get(0);
            return cb.and(ascending.get(0) ? cb.greaterThanOrEqualTo(key, (Comparable) first) : cb.lessThanOrEqualTo(key, (Comparable) first), later);
        }
        return later;
    }

    /** The rows of a page, and whether any matching row follows them. */
    public record Slice<T>(List<T> rows, boolean more) {

        public Slice {
            rows = List.copyOf(rows);
        }
    }

    private static <T> List<Order> order(CriteriaBuilder cb, Root<T> root, PageRequest page, boolean reversed) {
        List<Order> order = order(cb, root, page);
        // not Order.reverse(): EclipseLink's makes every order descending
        return reversed ? order.stream().map(o -> o.isAscending() ? cb.desc(o.getExpression()) : cb.asc(o.getExpression())).toList() : order;
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

    /**
     * The page of {@code rows} (a slice's rows, made into what the list shows) with the best total known: the count when
     * exact; else, when the slice ended the list, the rows up to it; else a lower bound, the count or the rows up to the
     * page when more follow it, so the pages go on past the counted bound.
     */
    public static <R> Page<R> page(List<R> rows, PageRequest page, Total total, boolean more) {
        long reached = (long) page.offset() + rows.size();
        if (total.exact() || !more && !rows.isEmpty()) {
            return new Page<>(rows, page.page(), page.pageSize(), total.exact() ? total.count() : reached, true);
        }
        return new Page<>(rows, page.page(), page.pageSize(), more ? Math.max(total.count(), reached) : total.count(), false);
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
