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
import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.Role;
import io.keygate.platform.api.SortOrder;
import io.keygate.web.exports.TableExports;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Machine Groups page: the lazy table and the Add / Edit / Delete dialogs. */
@Named
@ViewScoped
public class MachineGroupListView implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int SHOWN_IN_ROW = 10;
    static final int SEARCH_FROM = 3;

    @Inject
    MachineGroupService groups;
    @Inject
    MachineService machines;
    @Inject
    ProvisioningKeyService keys;
    @Inject
    CurrentActor currentActor;
    @Inject
    TableExports exports;

    /** The groups table (G1): Name and Actions always shown (T5). */
    static final TableDefinition TABLE = new TableDefinition("machine-groups", List.of(TableColumn.fixed("name"),
            TableColumn.shown("description"), TableColumn.shown("status"), TableColumn.shown("machines"), TableColumn.shown("created"),
            TableColumn.fixed("actions")), MachineGroupFilter.PARAMETERS);

    @Inject
    TablePreferences preferences;

    private TableControls<GroupFilterForm> table;
    private MachineGroupForm form = new MachineGroupForm();
    private final Map<Long, String> machineSearch = new HashMap<>();
    private final Map<Long, String> keySearch = new HashMap<>();

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

    /**
     * The group's active machines for its expanded row (G4): the first few, or those whose hostname contains what the
     * admin typed into the row's search once it is {@value #SEARCH_FROM} characters long. The Machines page has them all.
     */
    public Page<MachineSummary> machinesOf(MachineGroupSummary group) {
        return machines.list(new MachineFilter(Set.of(group.id()), Set.of(), searchTerm(machineSearch.get(group.id())),
                Set.of(MachineStatus.ACTIVE), null), new PageRequest(1, SHOWN_IN_ROW, List.of(new SortOrder("hostname", true))));
    }

    /** The group's keys for its expanded row (G4), searched by name like its machines; the Keys page has them all. */
    public Page<ProvisioningKeySummary> keysOf(MachineGroupSummary group) {
        ProvisioningKeyFilter filter = new ProvisioningKeyFilter(searchTerm(keySearch.get(group.id())), null, Set.of(group.id()), null, null,
                null, null, null, null, null, null, null, null);
        return keys.list(filter, new PageRequest(1, SHOWN_IN_ROW, List.of(new SortOrder("name", true))));
    }

    /** What the admin typed into a row's search, or nothing while it is shorter than {@value #SEARCH_FROM} characters. */
    static String searchTerm(String typed) {
        if (typed == null || typed.strip().length() < SEARCH_FROM) {
            return null;
        }
        return typed.strip();
    }

    /** Export (X1): the file of the table as it stands. */
    public void export(String format) {
        table.export(TableExports.GROUPS, format, exports.columnIds(TableExports.GROUPS));
    }

    public Map<Long, String> getMachineSearch() {
        return machineSearch;
    }

    public Map<Long, String> getKeySearch() {
        return keySearch;
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
