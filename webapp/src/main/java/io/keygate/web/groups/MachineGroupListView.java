package io.keygate.web.groups;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.UpdateMachineGroup;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Role;
import io.keygate.web.faces.FormMessages;
import io.keygate.web.faces.ServiceLazyModel;
import io.keygate.web.faces.Times;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import org.primefaces.model.LazyDataModel;

/** The Machine Groups page: the lazy table and the Add / Edit / Delete dialogs. */
@Named
@ViewScoped
public class MachineGroupListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    MachineGroupService groups;
    @Inject
    CurrentActor currentActor;

    private final LazyDataModel<MachineGroupSummary> model = new ServiceLazyModel<>(
            (filters, page) -> groups.list(new MachineGroupFilter(ServiceLazyModel.filterText(filters, "name"), null, null, null), page),
            MachineGroupSummary::id);
    private MachineGroupForm form = new MachineGroupForm();

    public void startAdd() {
        form = new MachineGroupForm();
    }

    public void startEdit(MachineGroupSummary group) {
        form = MachineGroupForm.editing(groups.get(group.id()));
    }

    public void save() {
        try {
            if (form.getId() == null) {
                groups.create(new CreateMachineGroup(form.getName(), form.getDescription(), form.isEnabled()));
            } else {
                groups.update(form.getId(), new UpdateMachineGroup(form.getName(), form.getDescription(), form.isEnabled(), form.getVersion()));
            }
            FormMessages.info("common.saved");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public void delete(MachineGroupSummary group) {
        try {
            groups.delete(group.id());
            FormMessages.info("common.deleted");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public String deleteQuestion(MachineGroupSummary group) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "groups.deleteConfirm", group.name());
    }

    public boolean isCanChange() {
        return currentActor.get().role() == Role.ADMINISTRATOR;
    }

    public String formatTime(Instant instant) {
        return Times.format(instant);
    }

    public LazyDataModel<MachineGroupSummary> getModel() {
        return model;
    }

    public MachineGroupForm getForm() {
        return form;
    }
}
