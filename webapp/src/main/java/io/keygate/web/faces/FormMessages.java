package io.keygate.web.faces;

import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.KeygateException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
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
        show(faces, refusal, faces.getViewRoot());
    }

    /** As {@link #showRefusal(KeygateException)}, looking for the field only inside the form {@code formId}: pages with several forms reuse field names. */
    public static void showRefusal(KeygateException refusal, String formId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        UIComponent form = faces.getViewRoot().findComponent(formId);
        show(faces, refusal, form == null ? faces.getViewRoot() : form);
    }

    private static void show(FacesContext faces, KeygateException refusal, UIComponent searched) {
        String field = fieldOf(refusal);
        String clientId = field == null ? null : inputClientId(faces, searched, field);
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

    private static String inputClientId(FacesContext faces, UIComponent searched, String field) {
        AtomicReference<String> found = new AtomicReference<>();
        searched.visitTree(VisitContext.createVisitContext(faces), (context, component) -> {
            if (component instanceof UIInput && field.equals(component.getId())) {
                found.set(component.getClientId(faces));
                return VisitResult.COMPLETE;
            }
            return VisitResult.ACCEPT;
        });
        return found.get();
    }
}
