package io.keygate.web.accounts;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.CreateOrganization;
import io.keygate.accounts.api.OrganizationSummary;
import io.keygate.platform.api.KeygateException;
import io.keygate.web.faces.FormMessages;
import io.keygate.web.faces.ServiceLazyModel;
import io.keygate.web.faces.Times;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import org.primefaces.model.LazyDataModel;

/** The operator's Organisations page: every organisation, and Add with its first administrator. */
@Named
@ViewScoped
public class OrganizationListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccountService accounts;

    private final LazyDataModel<OrganizationSummary> model = new ServiceLazyModel<>(
            (filters, page) -> accounts.listOrganizations(page), OrganizationSummary::id);
    private String name;
    private String adminUsername;
    private String adminPassword;

    public void startAdd() {
        name = null;
        adminUsername = null;
        adminPassword = null;
    }

    public void save() {
        try {
            accounts.createOrganization(new CreateOrganization(name, adminUsername, adminPassword));
            FormMessages.info("common.saved");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        } finally {
            // the view lives in the session: a password must not outlive the request that carried it
            adminPassword = null;
        }
    }

    public String formatTime(Instant instant) {
        return Times.format(instant);
    }

    public LazyDataModel<OrganizationSummary> getModel() {
        return model;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAdminUsername() {
        return adminUsername;
    }

    public void setAdminUsername(String adminUsername) {
        this.adminUsername = adminUsername;
    }

    public String getAdminPassword() {
        return null;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }
}
