package io.keygate.groups.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupDeleted;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.UpdateMachineGroup;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.Names;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class DefaultMachineGroupService implements MachineGroupService {

    private static final String RESOURCE = "machine group";

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    AuditLog audit;
    @Inject
    Event<MachineGroupDeleted> groupDeleted;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MachineGroupSummary> list(MachineGroupFilter filter, PageRequest page) {
        long organization = currentActor.get().requireOrganization();
        MachineGroupQueries queries = new MachineGroupQueries(em);
        List<MachineGroup> groups = queries.page(organization, filter, page);
        Map<Long, Long> machineCounts = queries.machineCounts(groups.stream().map(g -> g.id).toList());
        List<MachineGroupSummary> list = groups.stream()
                .map(g -> toSummary(g, machineCounts.getOrDefault(g.id, 0L)))
                .toList();
        return new Page<>(list, page.page(), page.pageSize(), queries.count(organization, filter));
    }

    @Override
    public long forEach(MachineGroupFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<MachineGroupSummary> each) throws IOException {
        long organization = currentActor.get().requireOrganization();
        MachineGroupQueries queries = new MachineGroupQueries(em);
        return queries.forEachBatch(organization, filter, sort, groups -> {
            Map<Long, Long> machineCounts = queries.machineCounts(groups.stream().map(g -> g.id).toList());
            for (MachineGroup group : groups) {
                each.handle(toSummary(group, machineCounts.getOrDefault(group.id, 0L)));
            }
        });
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public MachineGroupSummary get(long id) {
        MachineGroup group = find(id, currentActor.get().requireOrganization());
        return toSummary(group, machineCount(group));
    }

    @Override
    public MachineGroupSummary create(CreateMachineGroup request) {
        Actor actor = currentActor.get();
        MachineGroup group = new MachineGroup();
        group.organizationId = actor.requireAdministrator();
        group.name = Names.requireValidName("name", request.name());
        group.description = Names.requireValidDescription("description", request.description());
        group.enabled = request.enabled() == null || request.enabled();
        group.createdAt = Timestamps.now();
        group.createdBy = actor.username();
        group.modifiedAt = group.createdAt;
        group.modifiedBy = actor.username();
        requireUniqueName(group.organizationId, group.name, null);
        em.persist(group);
        flushRefusingDuplicates(group.name);
        audit.record(AuditEntry.success("machine_group.create", RESOURCE, group.id, group.name)
                .withDetails(Map.of("after", group.auditedFields())));
        return toSummary(group, 0);
    }

    @Override
    public MachineGroupSummary update(long id, UpdateMachineGroup request) {
        Actor actor = currentActor.get();
        MachineGroup group = find(id, actor.requireAdministrator());
        String name = Names.requireValidName("name", request.name());
        String description = Names.requireValidDescription("description", request.description());
        if (request.enabled() == null) {
            throw new InvalidInputException("enabled_required", "enabled", "The status (enabled true or false) is required.");
        }
        if (request.version() == null) {
            throw new InvalidInputException("version_required", "version", "The version you read is required, to detect concurrent changes.");
        }
        if (request.version() != group.version) {
            throw ConflictException.staleVersion(RESOURCE, group.name);
        }
        requireUniqueName(group.organizationId, name, group.id);
        Map<String, Object> before = group.auditedFields();
        group.name = name;
        group.description = description;
        group.enabled = request.enabled();
        group.modifiedAt = Timestamps.now();
        group.modifiedBy = actor.username();
        flushRefusingDuplicates(group.name);
        audit.record(AuditEntry.success("machine_group.update", RESOURCE, group.id, group.name)
                .withDetails(Map.of("before", before, "after", group.auditedFields())));
        return toSummary(group, machineCount(group));
    }

    @Override
    public void delete(long id) {
        delete(find(id, currentActor.get().requireAdministrator()), id);
    }

    @Override
    public void delete(long id, long expectedVersion) {
        MachineGroup group = find(id, currentActor.get().requireAdministrator());
        if (group.version != expectedVersion) {
            throw ConflictException.staleVersion(RESOURCE, group.name);
        }
        delete(group, id);
    }

    private void delete(MachineGroup group, long id) {
        long machines = machineCount(group);
        if (machines > 0) {
            throw new ConflictException("group_in_use",
                    "The machine group '" + group.name + "' still has " + machines + " machine(s). Remove them first.",
                    List.of(group.name, "machines", String.valueOf(machines)));
        }
        groupDeleted.fire(new MachineGroupDeleted(group.organizationId, group.id, group.name));
        // removed machines go with their group; the audit trail keeps their enrollments and removals
        em.createQuery("DELETE FROM MachineCertificate c WHERE c.machineId IN (SELECT m.id FROM Machine m WHERE m.machineGroupId = :group)")
                .setParameter("group", group.id).executeUpdate();
        em.createQuery("DELETE FROM Machine m WHERE m.machineGroupId = :group AND m.status = 'REMOVED'").setParameter("group", group.id).executeUpdate();
        em.remove(group);
        try {
            em.flush();
        } catch (OptimisticLockException deletedMeanwhile) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        audit.record(AuditEntry.success("machine_group.delete", RESOURCE, group.id, group.name)
                .withDetails(Map.of("before", group.auditedFields())));
    }

    private MachineGroup find(long id, long organization) {
        MachineGroup group = em.find(MachineGroup.class, id);
        if (group == null || group.organizationId != organization) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        return group;
    }

    /** Asked before the entity changes, so the query cannot flush a half-made change. */
    private void requireUniqueName(long organization, String name, Long self) {
        boolean taken = !em.createQuery("SELECT g.id FROM MachineGroup g WHERE g.organizationId = :organization "
                        + "AND LOWER(g.name) = LOWER(:name) AND g.id <> :self", Long.class)
                .setParameter("organization", organization)
                .setParameter("name", name)
                .setParameter("self", self == null ? -1L : self)
                .setFlushMode(FlushModeType.COMMIT)
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw ConflictException.duplicateName(RESOURCE, name);
        }
    }

    /** The unique index decides when two admins create the same name at the same moment. */
    private void flushRefusingDuplicates(String name) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw ConflictException.staleVersion(RESOURCE, name);
        } catch (PersistenceException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw ConflictException.duplicateName(RESOURCE, name);
            }
            throw e;
        }
    }

    private long machineCount(MachineGroup group) {
        return new MachineGroupQueries(em).machineCounts(List.of(group.id)).getOrDefault(group.id, 0L);
    }

    private static MachineGroupSummary toSummary(MachineGroup g, long machineCount) {
        return new MachineGroupSummary(g.id, g.name, g.description, g.enabled, machineCount, Timestamps.instant(g.createdAt),
                g.createdBy, Timestamps.instant(g.modifiedAt), g.modifiedBy, g.version);
    }
}
