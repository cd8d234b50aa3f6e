package io.keygate.web.audit;

import io.keygate.audit.api.AuditEvent;
import io.keygate.audit.api.AuditEventFilter;
import io.keygate.audit.api.AuditLog;
import io.keygate.web.exports.TableExports;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The Audit Log page (A2): the organisation's trail with the table features, and its export (X4). ADMINISTRATORs only. */
@Named
@ViewScoped
public class AuditLogView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The time always shown (T5); there is no Actions column, the trail is append-only. */
    static final TableDefinition TABLE = new TableDefinition("audit-log", List.of(TableColumn.fixed("occurred"), TableColumn.shown("actor"),
            TableColumn.shown("action"), TableColumn.shown("resourceType"), TableColumn.shown("resourceName"), TableColumn.shown("outcome"),
            TableColumn.shown("reason"), TableColumn.shown("source"), TableColumn.hidden("requestId"), TableColumn.hidden("details")),
            AuditEventFilter.PARAMETERS);

    @Inject
    AuditLog audit;
    @Inject
    TableExports exports;
    @Inject
    TablePreferences preferences;

    private TableControls<AuditFilterForm> table;
    /** Read when a chip first needs it; not kept with the view. */
    private transient AuditLog.Vocabulary vocabulary;

    @PostConstruct
    void createTable() {
        table = new TableControls<>(TABLE, preferences, AuditFilterForm::of, criteria -> AuditEventFilter.parse(criteria, Set.of()),
                (criteria, page) -> audit.list(AuditEventFilter.parse(criteria, Set.of()), page), AuditEvent::id);
    }

    /** The page opens as its URL says, else as the admin left it. */
    public void open() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.isPostback()) {
            table.open(faces.getExternalContext().getRequestParameterValuesMap());
        }
    }

    /** Export (X4): the file of the trail as the table shows it. */
    public void export(String format) {
        table.export(TableExports.AUDIT_LOG, format, exports.columnIds(TableExports.AUDIT_LOG));
    }

    /** The action chip's choices: the actions in the trail, and any chosen one that is not (from a URL or saved filter). */
    public List<String> actionChoices(List<String> chosen) {
        return withChosen(vocabulary().actions(), chosen);
    }

    public List<String> resourceTypeChoices(List<String> chosen) {
        return withChosen(vocabulary().resourceTypes(), chosen);
    }

    private AuditLog.Vocabulary vocabulary() {
        if (vocabulary == null) {
            vocabulary = audit.vocabulary();
        }
        return vocabulary;
    }

    private static List<String> withChosen(List<String> present, List<String> chosen) {
        TreeSet<String> choices = new TreeSet<>(present);
        choices.addAll(chosen);
        return new ArrayList<>(choices);
    }

    public String formatTime(Instant instant) {
        return Times.formatSeconds(instant);
    }

    public TableControls<AuditFilterForm> getTable() {
        return table;
    }
}
