package io.keygate.certificates.api;

import io.keygate.platform.api.FilterParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which certificates a list shows: the chips of the certificates table (T2) and its global search (T8).
 *
 * @param nameContains case-insensitive part of the name
 * @param search       case-insensitive part of the name or the description
 * @param types        root, intermediate or both (empty: both)
 */
public record SigningCertificateFilter(String nameContains, String search, Set<CertificateType> types) {

    /** The parameter names, equal in the URL, the REST list and saved filters. */
    public static final Set<String> PARAMETERS = Set.of("name", "search", "type");

    public SigningCertificateFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public static SigningCertificateFilter none() {
        return new SigningCertificateFilter(null, null, Set.of());
    }

    /** Reads the named-values form; {@code skipped} names (paging, sorting) belong to the caller. */
    public static SigningCertificateFilter parse(Map<String, List<String>> parameters, Set<String> skipped) {
        FilterParameters p = FilterParameters.of(parameters, PARAMETERS, skipped);
        return new SigningCertificateFilter(p.text("name"), p.text("search"), p.choices("type", CertificateType.class));
    }

    /** The named-values form, which {@link #parse} reads back to an equal filter. */
    public Map<String, List<String>> toParameters() {
        return new FilterParameters.Writer().add("name", nameContains).add("search", search).addAll("type", types).build();
    }
}
