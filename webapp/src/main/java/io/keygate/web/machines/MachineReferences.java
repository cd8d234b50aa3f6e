package io.keygate.web.machines;

import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.platform.api.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.Map;

/** The names of the keys machines enrolled with, each read once per request. */
@Named
@RequestScoped
public class MachineReferences {

    @Inject
    ProvisioningKeyService keys;

    private final Map<Long, String> keyNames = new HashMap<>();

    /** The key's name, or a note that it was deleted (machines outlive their keys). */
    public String keyName(Long id) {
        if (id == null) {
            return "";
        }
        return keyNames.computeIfAbsent(id, key -> {
            try {
                return keys.get(key).name();
            } catch (NotFoundException deleted) {
                FacesContext faces = FacesContext.getCurrentInstance();
                return faces.getApplication().getResourceBundle(faces, "msg").getString("machines.deletedKey");
            }
        });
    }
}
