package io.keygate.web.keys;

import io.keygate.accounts.api.SignInThrottledException;
import io.keygate.keys.api.LeakReport;
import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeyService.ValueAccess;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.Role;
import io.keygate.web.exports.TableExports;
import io.keygate.web.faces.FormMessages;
import io.keygate.web.faces.Times;
import io.keygate.web.infrastructure.RecentSignIn;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * The Provisioning Keys page: the lazy table, Reveal / Copy / Download of exportable keys, and Delete.
 * A key's value goes into the one ajax response that asked for it (a callback parameter the page's script shows,
 * copies or saves as a file) and is never kept in this bean (K9); a session whose password is older than five
 * minutes confirms it first (step-up, {@link RecentSignIn}).
 */
@Named
@ViewScoped
public class ProvisioningKeyListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProvisioningKeyService keys;
    @Inject
    CurrentActor currentActor;
    @Inject
    TableExports exports;
    @Inject
    RecentSignIn recentSignIn;

    /** The keys table (K8): Name and Actions always shown, the rest as the admin chooses (T5). */
    static final TableDefinition TABLE = new TableDefinition("provisioning-keys", List.of(TableColumn.fixed("name"),
            TableColumn.shown("machineGroup"), TableColumn.shown("status"), TableColumn.shown("value"), TableColumn.shown("usage"),
            TableColumn.shown("expires"), TableColumn.shown("certificate"), TableColumn.shown("lastUsed"), TableColumn.shown("created"),
            TableColumn.fixed("actions")), ProvisioningKeyFilter.PARAMETERS);

    @Inject
    TablePreferences preferences;

    private TableControls<KeyFilterForm> table;
    /** Only between the submit and the report; never serialised with the view. */
    private transient String leakText;
    private String leakResult;
    /** Which key's value waits for the step-up, and for what; the value itself is fetched only once it is confirmed. */
    private Long pendingKeyId;
    private ValueAccess pendingAccess;
    private transient String stepUpPassword;

    @PostConstruct
    void createTable() {
        table = new TableControls<>(TABLE, preferences, KeyFilterForm::of, ProvisioningKeyListView::check,
                (criteria, page) -> keys.list(ProvisioningKeyFilter.parse(criteria, Set.of()), page), ProvisioningKeySummary::id);
    }

    /** The page opens as its URL says, else as the admin left it (T3-T5, T7). */
    public void open() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.isPostback()) {
            table.open(faces.getExternalContext().getRequestParameterValuesMap());
        }
    }

    private static void check(Map<String, List<String>> criteria) {
        ProvisioningKeyFilter.parse(criteria, Set.of());
    }

    public void reveal(ProvisioningKeySummary key) {
        sendValue(key.id(), ValueAccess.REVEAL);
    }

    public void copy(ProvisioningKeySummary key) {
        sendValue(key.id(), ValueAccess.COPY);
    }

    /** {@code <name>.txt}: the value and a newline (K9), made into a file by the page's script. */
    public void download(ProvisioningKeySummary key) {
        sendValue(key.id(), ValueAccess.DOWNLOAD);
    }

    public String getStepUpPassword() {
        return null;
    }

    public void setStepUpPassword(String password) {
        stepUpPassword = password;
    }

    /** The step-up dialog's Confirm: with the right password, the value asked for comes in this answer. */
    public void confirmPassword() {
        try {
            if (pendingKeyId == null) {
                return;
            }
            if (!recentSignIn.confirm(stepUpPassword == null ? "" : stepUpPassword)) {
                FormMessages.error("stepUp.wrong");
                return;
            }
            long keyId = pendingKeyId;
            ValueAccess how = pendingAccess;
            pendingKeyId = null;
            pendingAccess = null;
            deliverValue(keyId, how);
        } catch (SignInThrottledException throttled) {
            FormMessages.error("login.throttled", (throttled.retryAfterSeconds() + 59) / 60);
        } finally {
            stepUpPassword = null;
        }
    }

    public void delete(ProvisioningKeySummary key) {
        try {
            keys.delete(key.id());
            FormMessages.info("common.deleted");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    /** Opens the leak report empty. */
    public void startLeakReport() {
        leakText = null;
        leakResult = null;
    }

    /** The pasted text is never rendered back: the field shows empty after each report. */
    public String getLeakText() {
        return null;
    }

    public void setLeakText(String text) {
        leakText = text;
    }

    public String getLeakResult() {
        return leakResult;
    }

    /** S6: the keys found in the text stop working now; the text is dropped whatever happened. */
    public void reportLeak() {
        try {
            LeakReport report = keys.disableLeaked(leakText);
            FacesContext faces = FacesContext.getCurrentInstance();
            leakResult = FormMessages.text(faces, "keys.leak.result", report.found(), names(faces, report.disabled()),
                    names(faces, report.alreadyDisabled()), report.unmatched());
        } catch (KeygateException refusal) {
            leakResult = null;
            FormMessages.showRefusal(refusal, "leakForm");
        } finally {
            leakText = null;
        }
    }

    private static String names(FacesContext faces, List<ProvisioningKeySummary> keys) {
        return keys.isEmpty() ? FormMessages.text(faces, "keys.leak.none")
                : keys.stream().map(ProvisioningKeySummary::name).collect(Collectors.joining(", "));
    }

    public String deleteQuestion(ProvisioningKeySummary key) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "keys.deleteConfirm", key.name());
    }

    /** ADMINISTRATORs change keys and take exportable keys' values; READ_ONLY admins see neither (K8). */
    public boolean isCanChange() {
        return currentActor.get().role() == Role.ADMINISTRATOR;
    }

    /** Export (X1): the file of the table as it stands. */
    public void export(String format) {
        table.export(TableExports.KEYS, format, exports.columnIds(TableExports.KEYS));
    }

    public String usage(ProvisioningKeySummary key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        Object max = key.maxUsage() == null ? FormMessages.text(faces, "keys.unlimited") : key.maxUsage();
        return FormMessages.text(faces, "keys.usageOf", key.usageCount(), max);
    }

    public String ipAllowList(ProvisioningKeySummary key) {
        return key.ipAllowList().isEmpty()
                ? FormMessages.text(FacesContext.getCurrentInstance(), "keys.anyAddress")
                : String.join(", ", key.ipAllowList());
    }

    public String byAt(Instant at, String by) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "keys.byAt", Times.format(at), by);
    }

    /** "until …" beside the status of a rotated key that still works. */
    public String retiring(ProvisioningKeySummary key) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "keys.retiresAt", Times.format(key.retiresAt()));
    }

    public String lastUsed(ProvisioningKeySummary key) {
        return key.lastUsedAt() == null ? FormMessages.text(FacesContext.getCurrentInstance(), "keys.neverUsed") : Times.format(key.lastUsedAt());
    }

    /** Which key this one replaced and which replaced it, by name (a deleted one by its id). */
    public String rotation(ProvisioningKeySummary key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        List<String> parts = new ArrayList<>();
        if (key.rotatedFromId() != null) {
            parts.add(FormMessages.text(faces, "keys.rotatedFrom", keyName(key.rotatedFromId())));
        }
        if (key.replacedById() != null) {
            parts.add(FormMessages.text(faces, "keys.replacedBy", keyName(key.replacedById())));
        }
        return parts.isEmpty() ? FormMessages.text(faces, "keys.notRotated") : String.join("; ", parts);
    }

    public String formatTime(Instant instant) {
        return Times.format(instant);
    }

    public TableControls<KeyFilterForm> getTable() {
        return table;
    }

    private String keyName(long id) {
        try {
            return keys.get(id).name();
        } catch (NotFoundException deleted) {
            return FormMessages.text(FacesContext.getCurrentInstance(), "keys.deletedKey", id);
        }
    }

    /** Asks for the password first when it was typed too long ago (step-up); remembers which value, never the value. */
    private void sendValue(long keyId, ValueAccess how) {
        if (!recentSignIn.isFresh()) {
            pendingKeyId = keyId;
            pendingAccess = how;
            PrimeFaces.current().ajax().addCallbackParam("stepUp", true);
            return;
        }
        deliverValue(keyId, how);
    }

    private void deliverValue(long keyId, ValueAccess how) {
        try {
            String value = keys.reveal(keyId, how);
            PrimeFaces.current().ajax().addCallbackParam("provisioningKey", value);
            PrimeFaces.current().ajax().addCallbackParam("access", how.name());
            if (how == ValueAccess.DOWNLOAD) {
                PrimeFaces.current().ajax().addCallbackParam("fileName", keys.get(keyId).name() + ".txt");
            }
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }
}
