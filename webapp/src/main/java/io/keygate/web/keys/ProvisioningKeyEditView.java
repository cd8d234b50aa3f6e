package io.keygate.web.keys;

import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.platform.api.KeygateException;
import io.keygate.web.faces.FormMessages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The Edit dialog of the keys page (K10): every field but the machine group, View/Export only from on to
 * off. The version read when the dialog opened makes a stale save fail instead of overwriting (K13).
 */
@Named
@ViewScoped
public class ProvisioningKeyEditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProvisioningKeyService keys;

    private KeyForm form = new KeyForm();

    public void start(ProvisioningKeySummary key) {
        try {
            form = KeyForm.editing(keys.get(key.id()));
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public void save() {
        try {
            keys.update(form.getId(), form.toUpdate());
            FormMessages.info("common.saved");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal, ":keyDialogForm");
        }
    }

    public KeyForm getForm() {
        return form;
    }
}
