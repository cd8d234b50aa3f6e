package io.keygate.web.certificates;

import io.keygate.certificates.api.CertificateType;
import io.keygate.certificates.api.KeyAlgorithm;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.Role;
import io.keygate.web.faces.FormMessages;
import io.keygate.web.faces.ServiceLazyModel;
import io.keygate.web.faces.Times;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.StreamedContent;

/** The Signing Certificates page: the organisation's enrollment CAs, Add, Download (PEM) and Delete. */
@Named
@ViewScoped
public class SigningCertificateListView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SigningCertificateService certificates;
    @Inject
    CurrentActor currentActor;

    private final LazyDataModel<SigningCertificateSummary> model = new ServiceLazyModel<>(
            (filters, page) -> certificates.list(ServiceLazyModel.filterText(filters, "name"), page), SigningCertificateSummary::id);
    private SigningCertificateForm form = new SigningCertificateForm();
    private List<SigningCertificateSummary> roots = List.of();

    public void startAdd() {
        form = new SigningCertificateForm();
        roots = certificates.list(null, new PageRequest(1, PageRequest.MAX_PAGE_SIZE, List.of())).list().stream()
                .filter(certificate -> certificate.type() == CertificateType.ROOT)
                .toList();
    }

    public void save() {
        try {
            certificates.create(form.toRequest());
            FormMessages.info("common.saved");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public void delete(SigningCertificateSummary certificate) {
        try {
            certificates.delete(certificate.id());
            FormMessages.info("common.deleted");
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public StreamedContent pem(SigningCertificateSummary certificate) {
        byte[] pem = certificates.pem(certificate.id()).getBytes(StandardCharsets.US_ASCII);
        return DefaultStreamedContent.builder()
                .name(certificate.name() + ".pem")
                .contentType("application/x-pem-file")
                .contentLength((long) pem.length)
                .stream(() -> new ByteArrayInputStream(pem))
                .build();
    }

    /** The roots that can sign a new intermediate, read when the dialog opens. */
    public List<SigningCertificateSummary> getRoots() {
        return roots;
    }

    public String deleteQuestion(SigningCertificateSummary certificate) {
        return FormMessages.text(FacesContext.getCurrentInstance(), "certificates.deleteConfirm", certificate.name());
    }

    public CertificateType[] getTypes() {
        return CertificateType.values();
    }

    public KeyAlgorithm[] getKeyAlgorithms() {
        return KeyAlgorithm.values();
    }

    public boolean isCanChange() {
        return currentActor.get().role() == Role.ADMINISTRATOR;
    }

    public String formatTime(Instant instant) {
        return Times.format(instant);
    }

    public LazyDataModel<SigningCertificateSummary> getModel() {
        return model;
    }

    public SigningCertificateForm getForm() {
        return form;
    }
}
