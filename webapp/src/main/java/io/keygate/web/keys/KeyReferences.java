package io.keygate.web.keys;

import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import io.keygate.web.faces.FormMessages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine groups and signing certificates the keys page names and offers, read once per request
 * (one list call each, not one call per table row). A name not among the first {@value PageRequest#MAX_PAGE_SIZE}
 * is looked up on its own.
 */
@Named
@RequestScoped
public class KeyReferences {

    private static final PageRequest ALL_BY_NAME = new PageRequest(1, PageRequest.MAX_PAGE_SIZE, List.of(new SortOrder("name", true)));

    @Inject
    MachineGroupService groupService;
    @Inject
    SigningCertificateService certificateService;

    private List<MachineGroupSummary> groups;
    private List<SigningCertificateSummary> certificates;
    private final Map<Long, String> groupNames = new HashMap<>();
    private final Map<Long, String> certificateNames = new HashMap<>();

    public List<MachineGroupSummary> getGroups() {
        if (groups == null) {
            groups = groupService.list(MachineGroupFilter.none(), ALL_BY_NAME).list();
            groups.forEach(group -> groupNames.put(group.id(), group.name()));
        }
        return groups;
    }

    public List<SigningCertificateSummary> getCertificates() {
        if (certificates == null) {
            certificates = certificateService.list(SigningCertificateFilter.none(), ALL_BY_NAME).list();
            certificates.forEach(certificate -> certificateNames.put(certificate.id(), certificate.name()));
        }
        return certificates;
    }

    public String groupName(Long id) {
        if (id == null) {
            return "";
        }
        getGroups();
        return groupNames.computeIfAbsent(id, missing -> {
            try {
                return groupService.get(missing).name();
            } catch (NotFoundException gone) {
                return "";
            }
        });
    }

    public String certificateName(Long id) {
        if (id == null) {
            return "";
        }
        getCertificates();
        return certificateNames.computeIfAbsent(id, missing -> {
            try {
                return certificateService.get(missing).name();
            } catch (NotFoundException gone) {
                return "";
            }
        });
    }

    /** The groups a filter chip offers: all of them, and any selected one that no longer exists, named as such (T9). */
    public List<Choice> groupChoices(List<Long> selected) {
        return choices(getGroups().stream().map(group -> new Choice(group.id(), group.name())).toList(), selected, "table.deletedGroup");
    }

    /** The certificates a filter chip offers, and any selected one that no longer exists. */
    public List<Choice> certificateChoices(List<Long> selected) {
        return choices(getCertificates().stream().map(certificate -> new Choice(certificate.id(), certificate.name())).toList(), selected,
                "table.deletedCertificate");
    }

    private static List<Choice> choices(List<Choice> existing, List<Long> selected, String missingKey) {
        List<Choice> choices = new ArrayList<>(existing);
        for (Long id : selected) {
            if (existing.stream().noneMatch(choice -> choice.id() == id)) {
                choices.add(new Choice(id, FormMessages.text(FacesContext.getCurrentInstance(), missingKey, id)));
            }
        }
        return choices;
    }

    /** An option of a filter chip. */
    public record Choice(long id, String label) {
    }
}
