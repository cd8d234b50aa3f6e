package io.keygate.keys.internal;

import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;

/** The filtered, sorted, paged reads of the keys list, done by the database; deleted keys are not listed. */
final class ProvisioningKeyQueries {

    private final EntityManager em;

    ProvisioningKeyQueries(EntityManager em) {
        this.em = em;
    }

    List<ProvisioningKey> page(long organization, String nameContains, PageRequest page) {
        return CriteriaPages.page(em, ProvisioningKey.class, matching(organization, nameContains), page);
    }

    long count(long organization, String nameContains) {
        return CriteriaPages.count(em, ProvisioningKey.class, matching(organization, nameContains));
    }

    private static CriteriaPages.Filter<ProvisioningKey> matching(long organization, String nameContains) {
        return (cb, key) -> {
            List<Predicate> where = new ArrayList<>(CriteriaPages.nameContains(cb, key, nameContains));
            where.add(cb.equal(key.get("organizationId"), organization));
            where.add(cb.isNull(key.get("deletedAt")));
            return where;
        };
    }
}
