package io.keygate.web.accounts;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.AdminSummary;
import io.keygate.accounts.api.CreateAdmin;
import io.keygate.accounts.api.UpdateAdmin;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Role;
import io.keygate.web.faces.FormMessages;
import io.keygate.web.faces.ServiceLazyModel;
import io.keygate.web.faces.Times;
import io.keygate.web.infrastructure.RecentSignIn;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/** The Admins page: the organisation's admins and their roles. */
@Named
@ViewScoped
public class AdminListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccountService accounts;
    @Inject
    CurrentActor currentActor;
    @Inject
    RecentSignIn recentSignIn;

    private final LazyDataModel<AdminSummary> model = new ServiceLazyModel<>((filters, page) -> accounts.listAdmins(page), AdminSummary::id);
    private AdminForm form = new AdminForm();
    private transient String currentPassword;

    public void startAdd() {
        form = new AdminForm();
    }

    public void startEdit(AdminSummary admin) {
        form = AdminForm.editing(accounts.getAdmin(admin.id()));
    }

    public void save() {
        try {
            recentSignIn.requireOrConfirm(currentPassword);
            if (form.getId() == null) {
                accounts.createAdmin(new CreateAdmin(form.getUsername(), form.getPassword(), form.getRole()));
            } else {
                accounts.updateAdmin(form.getId(), new UpdateAdmin(form.getRole(), form.getPassword(), form.getVersion()));
            }
            FormMessages.info("common.saved");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        } finally {
            // the view lives in the session: a password must not outlive the request that carried it
            form.forgetPassword();
            currentPassword = null;
        }
    }

    /** Asked for beside Save when the session's password is older than five minutes (step-up). */
    public String getCurrentPassword() {
        return null;
    }

    public void setCurrentPassword(String password) {
        currentPassword = password;
    }

    public void delete(AdminSummary admin) {
        try {
            accounts.deleteAdmin(admin.id());
            FormMessages.info("common.deleted");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public String deleteQuestion(AdminSummary admin) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "admins.deleteConfirm", admin.username());
    }

    public List<Role> getRoles() {
        return List.of(Role.ADMINISTRATOR, Role.READ_ONLY);
    }

    public boolean isCanChange() {
        return currentActor.get().role() == Role.ADMINISTRATOR;
    }

    public String formatTime(Instant instant) {
        return Times.format(instant);
    }

    public LazyDataModel<AdminSummary> getModel() {
        return model;
    }

    public AdminForm getForm() {
        return form;
    }
}
