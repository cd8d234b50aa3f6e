package io.keygate.certificates.api;

import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The signing certificates of the signed-in actor's organisation. */
public interface SigningCertificateService {

    Set<String> SORTABLE_FIELDS = Set.of("name", "type", "validTo", "createdAt");

    Page<SigningCertificateSummary> list(SigningCertificateFilter filter, PageRequest page);

    /** Every certificate the filter matches, in the given order (by name when none), read in batches (exports, X1). */
    long forEach(SigningCertificateFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<SigningCertificateSummary> each) throws IOException;

    SigningCertificateSummary get(long id);

    SigningCertificateSummary create(CreateSigningCertificate request);

    /** Refused with 409 while a key uses the certificate or it signed another certificate. */
    void delete(long id);

    /** The certificate in PEM: its public part only, the private key never leaves the server. */
    String pem(long id);
}
