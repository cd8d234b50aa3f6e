package io.keygate.web.certificates;

import io.keygate.certificates.api.CertificateType;
import io.keygate.certificates.api.KeyAlgorithm;
import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.PageRequest;
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
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.primefaces.model.DefaultStreamedContent;
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

    /** The certificates table: Name and Actions always shown (T5). */
    static final TableDefinition TABLE = new TableDefinition("signing-certificates", List.of(TableColumn.fixed("name"),
            TableColumn.shown("description"), TableColumn.shown("type"), TableColumn.shown("subject"), TableColumn.shown("validFrom"),
            TableColumn.shown("validTo"), TableColumn.shown("fingerprint"), TableColumn.shown("keys"), TableColumn.fixed("actions")),
            SigningCertificateFilter.PARAMETERS);

    @Inject
    TablePreferences preferences;
    @Inject
    TableExports exports;

    private TableControls<CertificateFilterForm> table;
    private SigningCertificateForm form = new SigningCertificateForm();
    private List<SigningCertificateSummary> roots = List.of();

    @PostConstruct
    void createTable() {
        table = new TableControls<>(TABLE, preferences, CertificateFilterForm::of,
                criteria -> SigningCertificateFilter.parse(criteria, Set.of()),
                (criteria, page) -> certificates.list(SigningCertificateFilter.parse(criteria, Set.of()), page), SigningCertificateSummary::id);
    }

    /** The page opens as its URL says, else as the admin left it (T3-T5, T7). */
    public void open() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.isPostback()) {
            table.open(faces.getExternalContext().getRequestParameterValuesMap());
        }
    }

    /** Export (X1): the file of the table as it stands. */
    public void export(String format) {
        table.export(TableExports.CERTIFICATES, format, exports.columnIds(TableExports.CERTIFICATES));
    }

    public TableControls<CertificateFilterForm> getTable() {
        return table;
    }

    public void startAdd() {
        form = new SigningCertificateForm();
        roots = certificates.list(SigningCertificateFilter.none(), new PageRequest(1, PageRequest.MAX_PAGE_SIZE, List.of())).list().stream()
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


    public SigningCertificateForm getForm() {
        return form;
    }
}
