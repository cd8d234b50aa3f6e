package io.keygate.web.keys;

import io.keygate.keys.api.CreatedProvisioningKey;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.keys.api.RotateProvisioningKey;
import io.keygate.platform.api.KeygateException;
import io.keygate.web.faces.FormMessages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.primefaces.PrimeFaces;

/**
 * The Rotate dialog (K12): a new key with the old one's settings, the old one disabled now or at a
 * chosen time. Like the wizard's last step, the new value travels in the ajax answer only.
 */
@Named
@ViewScoped
public class ProvisioningKeyRotateView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProvisioningKeyService keys;

    private long id;
    private String oldName;
    private String name;
    private LocalDateTime keepOldValidUntil;
    private String createdName;
    private boolean createdExportable;

    public void start(ProvisioningKeySummary key) {
        id = key.id();
        oldName = key.name();
        name = RotateProvisioningKey.successorName(key.name());
        keepOldValidUntil = null;
        createdName = null;
        createdExportable = false;
    }

    public void rotate() {
        try {
            CreatedProvisioningKey created = keys.rotate(id, new RotateProvisioningKey(name,
                    keepOldValidUntil == null ? null : keepOldValidUntil.toInstant(ZoneOffset.UTC)));
            PrimeFaces.current().ajax().addCallbackParam("provisioningKey", created.provisioningKey());
            createdName = created.key().name();
            createdExportable = created.key().exportable();
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal, ":rotateDialogForm");
        }
    }

    public boolean isDone() {
        return createdName != null;
    }

    public String getOldName() {
        return oldName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LocalDateTime getKeepOldValidUntil() {
        return keepOldValidUntil;
    }

    public void setKeepOldValidUntil(LocalDateTime keepOldValidUntil) {
        this.keepOldValidUntil = keepOldValidUntil;
    }

    public String getCreatedName() {
        return createdName;
    }

    public boolean isCreatedExportable() {
        return createdExportable;
    }
}
