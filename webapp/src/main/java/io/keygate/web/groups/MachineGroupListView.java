package io.keygate.web.groups;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.MachineService;
import io.keygate.groups.api.MachineStatus;
import io.keygate.groups.api.MachineSummary;
import io.keygate.groups.api.UpdateMachineGroup;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.Role;
import io.keygate.web.faces.FormMessages;
import io.keygate.web.faces.Times;
import io.keygate.web.tables.TableColumn;
import io.keygate.web.tables.TableControls;
import io.keygate.web.tables.TableDefinition;
import io.keygate.web.tables.TablePreferences;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The Machine Groups page: the lazy table and the Add / Edit / Delete dialogs. */
@Named
@ViewScoped
public class MachineGroupListView implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int MACHINES_SHOWN = 10;

    @Inject
    MachineGroupService groups;
    @Inject
    MachineService machines;
    @Inject
    CurrentActor currentActor;

    /** The groups table (G1): Name and Actions always shown (T5). */
    static final TableDefinition TABLE = new TableDefinition("machine-groups", List.of(TableColumn.fixed("name"),
            TableColumn.shown("description"), TableColumn.shown("status"), TableColumn.shown("machines"), TableColumn.shown("created"),
            TableColumn.fixed("actions")), MachineGroupFilter.PARAMETERS);

    @Inject
    TablePreferences preferences;

    private TableControls<GroupFilterForm> table;
    private MachineGroupForm form = new MachineGroupForm();

    @PostConstruct
    void createTable() {
        table = new TableControls<>(TABLE, preferences, GroupFilterForm::of, criteria -> MachineGroupFilter.parse(criteria, Set.of()),
                (criteria, page) -> groups.list(MachineGroupFilter.parse(criteria, Set.of()), page), MachineGroupSummary::id);
    }

    /** The page opens as its URL says, else as the admin left it (T3-T5, T7). */
    public void open() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.isPostback()) {
            table.open(faces.getExternalContext().getRequestParameterValuesMap());
        }
    }

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

    /** The first active machines of a group, for its expanded row (G4); the Machines page has them all. */
    public List<MachineSummary> machinesOf(MachineGroupSummary group) {
        return machines.list(new MachineFilter(Set.of(group.id()), Set.of(), null, Set.of(MachineStatus.ACTIVE), null),
                new PageRequest(1, MACHINES_SHOWN, List.of())).list();
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

    public TableControls<GroupFilterForm> getTable() {
        return table;
    }

    public MachineGroupForm getForm() {
        return form;
    }
}
