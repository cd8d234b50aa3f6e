package io.keygate.web.keys;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.keys.api.CreatedProvisioningKey;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.platform.api.KeygateException;
import io.keygate.web.groups.MachineGroupForm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The Save of the Add wizard (K3): a machine group created inline and the key are written in one
 * transaction, so a refused key leaves no group behind. It only orders two module calls; the rules stay
 * in the modules.
 */
@ApplicationScoped
public class KeyWizardSave {

    @Inject
    MachineGroupService groups;
    @Inject
    ProvisioningKeyService keys;

    /** Creates {@code newGroup} (when not null) and then the key in it, or else the key in the group the form names. */
    @Transactional
    public CreatedProvisioningKey save(MachineGroupForm newGroup, KeyForm key) {
        Long groupId = newGroup == null ? key.getMachineGroupId() : create(newGroup);
        return keys.create(key.toCreate(groupId));
    }

    private long create(MachineGroupForm group) {
        try {
            return groups.create(new CreateMachineGroup(group.getName(), group.getDescription(), group.isEnabled())).id();
        } catch (KeygateException refusal) {
            throw new NewGroupRefused(refusal);
        }
    }

    /** The inline group was refused: its fields, not the key's, need correcting. Rolls the transaction back. */
    public static class NewGroupRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NewGroupRefused(KeygateException refusal) {
            super(refusal.reason(), refusal);
        }

        public KeygateException refusal() {
            return (KeygateException) getCause();
        }
    }
}
