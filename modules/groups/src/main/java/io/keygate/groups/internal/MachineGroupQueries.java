package io.keygate.groups.internal;

import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.LikePatterns;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.io.IOException;
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

    long forEachBatch(long organization, MachineGroupFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<List<MachineGroup>> each)
            throws IOException {
        return CriteriaPages.forEachBatch(em, MachineGroup.class, matching(organization, filter), sort, 1_000, each);
    }

    List<MachineGroup> page(long organization, MachineGroupFilter filter, PageRequest page) {
        return CriteriaPages.page(em, MachineGroup.class, matching(organization, filter), page);
    }

    long count(long organization, MachineGroupFilter filter) {
        return CriteriaPages.count(em, MachineGroup.class, matching(organization, filter));
    }

    Map<Long, Long> machineCounts(List<Long> groupIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (groupIds.isEmpty()) {
            return counts;
        }
        em.createQuery("SELECT m.machineGroupId, COUNT(m) FROM Machine m WHERE m.machineGroupId IN :ids AND m.status = 'ACTIVE' "
                        + "GROUP BY m.machineGroupId", Object[].class)
                .setParameter("ids", groupIds)
                .getResultStream()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }

    private static CriteriaPages.Filter<MachineGroup> matching(long organization, MachineGroupFilter filter) {
        return (cb, query, group) -> {
            List<Predicate> where = new ArrayList<>(CriteriaPages.nameContains(cb, group, filter.nameContains()));
            where.add(cb.equal(group.get("organizationId"), organization));
            if (filter.enabled() != null) {
                where.add(cb.equal(group.get("enabled"), filter.enabled()));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                String pattern = LikePatterns.containing(filter.search());
                where.add(cb.or(cb.like(cb.lower(group.get("name")), pattern, LikePatterns.ESCAPE),
                        cb.like(cb.lower(group.get("description")), pattern, LikePatterns.ESCAPE)));
            }
            if (filter.hasMachines() != null) {
                Subquery<Long> members = query.subquery(Long.class);
                Root<Machine> machine = members.from(Machine.class);
                members.select(machine.get("id")).where(cb.equal(machine.get("machineGroupId"), group.get("id")),
                        cb.equal(machine.get("status"), Machine.ACTIVE));
                where.add(filter.hasMachines() ? cb.exists(members) : cb.not(cb.exists(members)));
            }
            return where;
        };
    }
}
