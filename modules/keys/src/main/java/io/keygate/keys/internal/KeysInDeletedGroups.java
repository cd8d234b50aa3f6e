package io.keygate.keys.internal;

import io.keygate.groups.api.MachineGroupDeleted;
import io.keygate.platform.api.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Refuses to let a machine group go while live keys still enroll into it (G2): the refusal, thrown inside
 * the deleting transaction, rolls the delete back.
 */
@ApplicationScoped
public class KeysInDeletedGroups {

    @PersistenceContext(unitName = "keygate")
    EntityManager em;

    void refuseWhileKeysEnrollInto(@Observes MachineGroupDeleted deleted) {
        long keys = em.createQuery("SELECT COUNT(k) FROM ProvisioningKey k WHERE k.organizationId = :organization "
                        + "AND k.machineGroupId = :group AND k.deletedAt IS NULL", Long.class)
                .setParameter("organization", deleted.organizationId())
                .setParameter("group", deleted.machineGroupId())
                .setFlushMode(FlushModeType.COMMIT)
                .getSingleResult();
        if (keys > 0) {
            throw new ConflictException("group_in_use", "The machine group '" + deleted.name() + "' still has " + keys
                    + " provisioning key(s). Delete them first.", List.of(deleted.name(), "provisioning keys", String.valueOf(keys)));
        }
    }
}
