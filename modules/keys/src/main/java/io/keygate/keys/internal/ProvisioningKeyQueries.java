package io.keygate.keys.internal;

import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyFilter.UsageState;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.LikePatterns;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The filtered, sorted, paged reads of the keys list, done by the database; deleted keys are not listed. */
final class ProvisioningKeyQueries {

    static final int EXACT_COUNT_CAP = 10_000;
    static final int EXPORT_BATCH = 1_000;

    private final EntityManager em;

    ProvisioningKeyQueries(EntityManager em) {
        this.em = em;
    }

    /** The page, read from the nearer end when the total is exact. */
    CriteriaPages.Slice<ProvisioningKey> page(long organization, ProvisioningKeyFilter filter, PageRequest page, CriteriaPages.Total total) {
        return CriteriaPages.slice(em, ProvisioningKey.class, matching(organization, filter, Timestamps.now()), page,
                total.exact() ? OptionalLong.of(total.count()) : OptionalLong.empty());
    }

    /** Every matching key in order, a batch at a time. */
    long forEach(long organization, ProvisioningKeyFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<ProvisioningKey> each)
            throws IOException {
        return CriteriaPages.forEach(em, ProvisioningKey.class, matching(organization, filter, Timestamps.now()), sort, EXPORT_BATCH, each);
    }

    /**
     * All live keys are counted by the database as they change (provisioning_key_tally). A filtered list is
     * counted here, but counting a million keys takes longer than a page may (about 190 ms, bench/keys-table):
     * beyond {@value #EXACT_COUNT_CAP} matches the total is reported as "more than".
     */
    CriteriaPages.Total count(long organization, ProvisioningKeyFilter filter) {
        if (filter.isEmpty()) {
            List<?> tally = em.createNativeQuery("SELECT live_keys FROM provisioning_key_tally WHERE organization_id = ?1")
                    .setParameter(1, organization).getResultList();
            return new CriteriaPages.Total(tally.isEmpty() ? 0 : ((Number) tally.get(0)).longValue(), true);
        }
        return CriteriaPages.countUpTo(em, ProvisioningKey.class, matching(organization, filter, Timestamps.now()), EXACT_COUNT_CAP);
    }

    private static CriteriaPages.Filter<ProvisioningKey> matching(long organization, ProvisioningKeyFilter filter, OffsetDateTime now) {
        return (cb, query, key) -> {
            List<Predicate> where = new ArrayList<>(CriteriaPages.nameContains(cb, key, filter.nameContains()));
            where.add(cb.equal(key.get("organizationId"), organization));
            where.add(cb.isNull(key.get("deletedAt")));
            if (filter.search() != null && !filter.search().isBlank()) {
                String pattern = LikePatterns.containing(filter.search());
                where.add(cb.or(cb.like(cb.lower(key.get("name")), pattern, LikePatterns.ESCAPE),
                        cb.like(cb.lower(key.get("description")), pattern, LikePatterns.ESCAPE)));
            }
            if (!filter.machineGroupIds().isEmpty()) {
                where.add(key.get("machineGroupId").in(filter.machineGroupIds()));
            }
            if (!filter.signingCertificateIds().isEmpty()) {
                where.add(key.get("signingCertificateId").in(filter.signingCertificateIds()));
            }
            if (filter.enabled() != null) {
                Predicate working = cb.and(cb.isTrue(key.get("enabled")),
                        cb.or(cb.isNull(key.get("retiresAt")), cb.greaterThan(key.<OffsetDateTime>get("retiresAt"), now)));
                where.add(filter.enabled() ? working : cb.not(working));
            }
            equalUnlessNull(cb, key, where, "exportable", filter.exportable());
            equalUnlessNull(cb, key, where, "allowReEnrollment", filter.allowReEnrollment());
            if (!filter.usage().isEmpty()) {
                where.add(cb.or(filter.usage().stream().map(state -> usage(cb, key, state)).toArray(Predicate[]::new)));
            }
            if (filter.expiresBefore() != null) {
                where.add(cb.lessThan(key.<OffsetDateTime>get("expiresAt"), Timestamps.of(filter.expiresBefore())));
            }
            if (filter.expiresAfter() != null) {
                where.add(cb.or(cb.isNull(key.get("expiresAt")),
                        cb.greaterThan(key.<OffsetDateTime>get("expiresAt"), Timestamps.of(filter.expiresAfter()))));
            }
            if (!filter.createdBy().isEmpty()) {
                where.add(cb.lower(key.get("createdBy")).in(filter.createdBy().stream().map(String::toLowerCase).toList()));
            }
            atOrAfter(cb, key, where, "createdAt", filter.createdFrom());
            if (filter.createdTo() != null) {
                where.add(cb.lessThan(key.<OffsetDateTime>get("createdAt"), Timestamps.of(filter.createdTo())));
            }
            return where;
        };
    }

    private static Predicate usage(CriteriaBuilder cb, Root<ProvisioningKey> key, UsageState state) {
        Expression<Integer> count = key.get("usageCount");
        Expression<Integer> max = key.get("maxUsage");
        return switch (state) {
            case UNUSED -> cb.equal(count, 0);
            case IN_USE -> cb.and(cb.greaterThan(count, 0), cb.or(cb.isNull(max), cb.lessThan(count, max)));
            case EXHAUSTED -> cb.and(cb.isNotNull(max), cb.greaterThanOrEqualTo(count, max));
        };
    }

    private static void equalUnlessNull(CriteriaBuilder cb, Root<ProvisioningKey> key, List<Predicate> where, String field, Boolean value) {
        if (value != null) {
            where.add(cb.equal(key.get(field), value));
        }
    }

    private static void atOrAfter(CriteriaBuilder cb, Root<ProvisioningKey> key, List<Predicate> where, String field, Instant from) {
        if (from != null) {
            where.add(cb.greaterThanOrEqualTo(key.<OffsetDateTime>get(field), Timestamps.of(from)));
        }
    }
}
