package io.keygate.web.keys;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.keys.api.CreatedProvisioningKey;
import io.keygate.keys.api.NewMachineGroupRefusedException;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Names;
import io.keygate.web.groups.MachineGroupForm;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Set;
import org.primefaces.PrimeFaces;

/**
 * The Add Provisioning Key wizard (K3-K5): 1 signing certificate, 2 machine group (existing or new),
 * 3 key, 4 review and Save, 5 the value. Nothing is written before Save. The value travels to the browser
 * in Save's ajax answer only; this bean never holds it, and Done forgets the rest.
 */
@Named
@ViewScoped
public class ProvisioningKeyWizardView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The steps, numbered as the page shows them. */
    private static final int CERTIFICATE = 1;
    private static final int GROUP = 2;
    private static final int KEY = 3;
    private static final int REVIEW = 4;
    private static final int DETAILS = 5;
    /** Fields of the key step: a refusal naming one of them sends the admin back there. */
    private static final Set<String> KEY_FIELDS = Set.of("name", "description", "enabled", "exportable", "allowReEnrollment",
            "maxUsage", "expiresAt", "ipAllowList");

    @Inject
    ProvisioningKeyService keys;

    private int step = CERTIFICATE;
    private KeyForm key = new KeyForm();
    private boolean newGroup;
    private MachineGroupForm group = new MachineGroupForm();
    private String createdName;
    private boolean createdExportable;

    public void start() {
        step = CERTIFICATE;
        key = new KeyForm();
        newGroup = false;
        group = new MachineGroupForm();
        createdName = null;
        createdExportable = false;
    }

    public void next() {
        step = Math.min(step + 1, REVIEW);
    }

    public void back() {
        step = Math.max(step - 1, CERTIFICATE);
    }

    public void clearCertificate() {
        key.setSigningCertificateId(null);
    }

    public void save() {
        if (step != REVIEW) {
            return;
        }
        try {
            CreatedProvisioningKey created = newGroup
                    ? keys.createInNewGroup(new CreateMachineGroup(group.getName(), group.getDescription(), group.isEnabled()),
                            key.toCreate(null))
                    : keys.create(key.toCreate(key.getMachineGroupId()));
            PrimeFaces.current().ajax().addCallbackParam("provisioningKey", created.provisioningKey());
            createdName = created.key().name();
            createdExportable = created.key().exportable();
            step = DETAILS;
        } catch (NewMachineGroupRefusedException refused) {
            showAt(GROUP, refused.refusal());
        } catch (KeygateException refusal) {
            showAt(stepOf(refusal), refusal);
        }
    }

    /** The wizard is finished: forget everything it held. */
    public void done() {
        start();
    }

    /** K1 at the field, when Next is pressed; Back leaves a half-typed name for later. */
    public void checkName(FacesContext faces, UIComponent input, Object value) {
        if (isBack(faces) || value == null || value.toString().isEmpty()) {
            return;
        }
        try {
            Names.requireValidName("name", value.toString());
        } catch (InvalidInputException refusal) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.reason(), null));
        }
    }

    /** Required fields are required for going forward only. */
    public boolean isGoingForward() {
        return !isBack(FacesContext.getCurrentInstance());
    }

    public int getStep() {
        return step;
    }

    public KeyForm getKey() {
        return key;
    }

    public boolean isNewGroup() {
        return newGroup;
    }

    public void setNewGroup(boolean newGroup) {
        this.newGroup = newGroup;
    }

    public MachineGroupForm getGroup() {
        return group;
    }

    public String getCreatedName() {
        return createdName;
    }

    public boolean isCreatedExportable() {
        return createdExportable;
    }

    private static boolean isBack(FacesContext faces) {
        return faces.getExternalContext().getRequestParameterMap().containsKey("back");
    }

    private static int stepOf(KeygateException refusal) {
        String field = refusal instanceof InvalidInputException invalid ? invalid.field() : null;
        if ("signingCertificateId".equals(field)) {
            return CERTIFICATE;
        }
        if ("machineGroupId".equals(field)) {
            return GROUP;
        }
        return field != null && KEY_FIELDS.contains(field) || "duplicate_name".equals(refusal.id()) ? KEY : REVIEW;
    }

    /** Back to the step whose input was refused, the reason on top: the key's and the group's fields share names. */
    private void showAt(int refusedStep, KeygateException refusal) {
        step = refusedStep;
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.reason(), null));
        faces.validationFailed();
    }
}
