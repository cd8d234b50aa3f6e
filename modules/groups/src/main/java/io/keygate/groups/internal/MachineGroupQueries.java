package io.keygate.groups.internal;

import io.keygate.groups.api.MachineGroupFilter;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The filtered, sorted, paged reads of the groups list, done by the database. */
final class MachineGroupQueries {

    private final EntityManager em;

    MachineGroupQueries(EntityManager em) {
        this.em = em;
    }

    List<MachineGroup> page(long organization, MachineGroupFilter filter, PageRequest page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<MachineGroup> query = cb.createQuery(MachineGroup.class);
        Root<MachineGroup> group = query.from(MachineGroup.class);
        query.where(matching(cb, group, organization, filter));
        List<Order> order = new ArrayList<>();
        for (SortOrder sort : page.sort()) {
            Expression<?> key = "name".equals(sort.field()) ? cb.lower(group.get("name")) : group.get(sort.field());
            order.add(sort.ascending() ? cb.asc(key) : cb.desc(key));
        }
        if (page.sort().isEmpty()) {
            order.add(cb.asc(cb.lower(group.get("name"))));
        }
        order.add(cb.asc(group.get("id")));
        query.orderBy(order);
        return em.createQuery(query).setFirstResult(page.offset()).setMaxResults(page.pageSize()).getResultList();
    }

    long count(long organization, MachineGroupFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<MachineGroup> group = query.from(MachineGroup.class);
        query.select(cb.count(group)).where(matching(cb, group, organization, filter));
        return em.createQuery(query).getSingleResult();
    }

    Map<Long, Long> machineCounts(List<Long> groupIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (groupIds.isEmpty()) {
            return counts;
        }
        em.createQuery("SELECT m.machineGroupId, COUNT(m) FROM Machine m WHERE m.machineGroupId IN :ids GROUP BY m.machineGroupId", Object[].class)
                .setParameter("ids", groupIds)
                .getResultStream()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }

    private static Predicate[] matching(CriteriaBuilder cb, Root<MachineGroup> group, long organization, MachineGroupFilter filter) {
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(group.get("organizationId"), organization));
        if (filter.nameContains() != null && !filter.nameContains().isBlank()) {
            where.add(cb.like(cb.lower(group.get("name")), LikePatterns.containing(filter.nameContains()), LikePatterns.ESCAPE));
        }
        if (filter.enabled() != null) {
            where.add(cb.equal(group.get("enabled"), filter.enabled()));
        }
        return where.toArray(Predicate[]::new);
    }
}
