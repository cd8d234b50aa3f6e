package io.keygate.web.certificates;

import io.keygate.certificates.api.CertificateType;
import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.web.tables.FilterDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The chips of the certificates table's filter bar (T2): name and type; the search box sets the rest. */
public class CertificateFilterForm implements FilterDraft {

    private static final long serialVersionUID = 1L;

    private String name;
    private List<String> types = new ArrayList<>();
    private String search;

    static CertificateFilterForm of(Map<String, List<String>> criteria) {
        SigningCertificateFilter filter = SigningCertificateFilter.parse(criteria, Set.of());
        CertificateFilterForm form = new CertificateFilterForm();
        form.name = filter.nameContains();
        form.types = new ArrayList<>(filter.types().stream().map(Enum::name).sorted().toList());
        form.search = filter.search();
        return form;
    }

    @Override
    public Map<String, List<String>> toCriteria() {
        return new SigningCertificateFilter(name == null || name.isBlank() ? null : name.trim(), search,
                types.stream().map(CertificateType::valueOf).collect(Collectors.toSet())).toParameters();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getTypes() {
        return types;
    }

    public void setTypes(List<String> types) {
        this.types = types == null ? new ArrayList<>() : types;
    }
}
