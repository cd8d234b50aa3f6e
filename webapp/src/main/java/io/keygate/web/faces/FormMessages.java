package io.keygate.web.faces;

import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.KeygateException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIInput;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows a module's refusal where the admin looks: at the input whose id is the field the refusal names
 * (inputs are given the API's field names as ids), otherwise at the top of the form.
 */
public final class FormMessages {

    private FormMessages() {
    }

    public static void showRefusal(KeygateException refusal) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String field = fieldOf(refusal);
        String clientId = field == null ? null : inputClientId(faces, field);
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.reason(), null));
        faces.validationFailed();
    }

    public static void info(String bundleKey, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(faces, bundleKey, arguments), null));
    }

    public static void error(String bundleKey, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(faces, bundleKey, arguments), null));
        faces.validationFailed();
    }

    public static String text(FacesContext faces, String bundleKey, Object... arguments) {
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        return MessageFormat.format(bundle.getString(bundleKey), arguments);
    }

    private static String fieldOf(KeygateException refusal) {
        if (refusal instanceof InvalidInputException invalid) {
            return invalid.field();
        }
        return "duplicate_name".equals(refusal.id()) ? "name" : null;
    }

    private static String inputClientId(FacesContext faces, String field) {
        AtomicReference<String> found = new AtomicReference<>();
        faces.getViewRoot().visitTree(VisitContext.createVisitContext(faces), (context, component) -> {
            if (component instanceof UIInput && field.equals(component.getId())) {
                found.set(component.getClientId(faces));
                return VisitResult.COMPLETE;
            }
            return VisitResult.ACCEPT;
        });
        return found.get();
    }
}
