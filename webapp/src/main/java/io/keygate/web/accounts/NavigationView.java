package io.keygate.web.accounts;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/** The header of every page: who is signed in, where they may go, and sign-out. */
@Named
@RequestScoped
public class NavigationView {

    @Inject
    CurrentActor currentActor;
    @Inject
    FacesContext faces;

    public String home() {
        return isOperator() ? "/organizations/list?faces-redirect=true" : "/groups/list?faces-redirect=true";
    }

    public String signOut() throws ServletException {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        request.logout();
        faces.getExternalContext().invalidateSession();
        return "/login?faces-redirect=true";
    }

    public String getUsername() {
        return currentActor.find().map(Actor::username).orElse("");
    }

    public String getRole() {
        return currentActor.find().map(actor -> actor.role().name()).orElse("");
    }

    public boolean isOperator() {
        return currentActor.find().map(actor -> actor.role() == Role.OPERATOR).orElse(false);
    }

    public boolean isInOrganization() {
        return currentActor.find().map(actor -> actor.organizationId() != null).orElse(false);
    }

    public boolean isAdministrator() {
        return currentActor.find().map(actor -> actor.role() == Role.ADMINISTRATOR).orElse(false);
    }
}
