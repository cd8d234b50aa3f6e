package io.keygate.web.machines;

import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineService;
import io.keygate.groups.api.MachineStatus;
import io.keygate.groups.api.MachineSummary;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Role;
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
import java.util.List;
import java.util.Set;

/** The Machines page: every enrolled machine of the organisation, with the table features, and Remove. */
@Named
@ViewScoped
public class MachineListView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Hostname and Actions always shown (T5). */
    static final TableDefinition TABLE = new TableDefinition("machines", List.of(TableColumn.fixed("hostname"), TableColumn.shown("group"),
            TableColumn.shown("status"), TableColumn.shown("fingerprint"), TableColumn.shown("os"), TableColumn.shown("key"),
            TableColumn.shown("enrolled"), TableColumn.shown("reEnrolled"), TableColumn.shown("certificate"), TableColumn.shown("certificateExpires"),
            TableColumn.fixed("actions")), MachineFilter.PARAMETERS);

    @Inject
    MachineService machines;
    @Inject
    CurrentActor currentActor;
    @Inject
    TableExports exports;
    @Inject
    TablePreferences preferences;

    private TableControls<MachineFilterForm> table;

    @PostConstruct
    void createTable() {
        table = new TableControls<>(TABLE, preferences, MachineFilterForm::of, criteria -> MachineFilter.parse(criteria, Set.of()),
                (criteria, page) -> machines.list(MachineFilter.parse(criteria, Set.of()), page), MachineSummary::id);
    }

    /** The page opens as its URL says, else as the admin left it. */
    public void open() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.isPostback()) {
            table.open(faces.getExternalContext().getRequestParameterValuesMap());
        }
    }

    /** Export (X1): the file of the table as it stands. */
    public void export(String format) {
        table.export(TableExports.MACHINES, format, exports.columnIds(TableExports.MACHINES));
    }

    public void remove(MachineSummary machine) {
        try {
            machines.remove(machine.id());
            FormMessages.info("machines.removed");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public String removeQuestion(MachineSummary machine) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "machines.removeConfirm", machine.hostname());
    }

    public boolean canRemove(MachineSummary machine) {
        return currentActor.get().role() == Role.ADMINISTRATOR && machine.status() == MachineStatus.ACTIVE;
    }

    public String formatTime(Instant instant) {
        return instant == null ? "" : Times.format(instant);
    }

    public TableControls<MachineFilterForm> getTable() {
        return table;
    }
}
