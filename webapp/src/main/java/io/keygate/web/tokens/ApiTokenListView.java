package io.keygate.web.tokens;

import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Role;
import io.keygate.tokens.api.ApiTokenService;
import io.keygate.tokens.api.ApiTokenStatus;
import io.keygate.tokens.api.ApiTokenSummary;
import io.keygate.tokens.api.CreatedApiToken;
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
import org.primefaces.PrimeFaces;
import org.primefaces.model.LazyDataModel;

/**
 * The API Tokens page (ADMINISTRATORs): the organisation's tokens, New API Token, whose value the answer carries once
 * (to the page's script, never into the view state), and Revoke.
 */
@Named
@ViewScoped
public class ApiTokenListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ApiTokenService tokens;
    @Inject
    RecentSignIn recentSignIn;

    private final LazyDataModel<ApiTokenSummary> model = new ServiceLazyModel<>((filters, page) -> tokens.list(page), ApiTokenSummary::id);
    private ApiTokenForm form = new ApiTokenForm();
    private transient String currentPassword;

    public void startAdd() {
        form = new ApiTokenForm();
    }

    public void create() {
        try {
            recentSignIn.requireOrConfirm(currentPassword);
            CreatedApiToken created = tokens.create(form.toRequest());
            PrimeFaces.current().ajax().addCallbackParam("apiToken", created.apiToken());
            form = new ApiTokenForm();
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal, "tokenDialogForm");
        } finally {
            currentPassword = null;
        }
    }

    /** Asked for beside New API Token when the session's password is older than five minutes (step-up). */
    public String getCurrentPassword() {
        return null;
    }

    public void setCurrentPassword(String password) {
        currentPassword = password;
    }

    public void revoke(ApiTokenSummary token) {
        try {
            tokens.revoke(token.id());
            FormMessages.info("tokens.revoked", token.name());
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public String revokeQuestion(ApiTokenSummary token) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "tokens.revokeConfirm", token.name());
    }

    public boolean canRevoke(ApiTokenSummary token) {
        return token.status() != ApiTokenStatus.REVOKED;
    }

    public String statusText(ApiTokenSummary token) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "tokens.status." + token.status().name());
    }

    public String sources(ApiTokenSummary token) {
        return String.join(", ", token.ipAllowList());
    }

    public List<Role> getRoles() {
        return List.of(Role.READ_ONLY, Role.ADMINISTRATOR);
    }

    public String formatTime(Instant instant) {
        return instant == null ? "" : Times.format(instant);
    }

    public LazyDataModel<ApiTokenSummary> getModel() {
        return model;
    }

    public ApiTokenForm getForm() {
        return form;
    }
}
