package io.keygate.web.machines;

import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineStatus;
import io.keygate.web.tables.FilterDraft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chips of the machines table: hostname, status, machine groups. A key filter comes from a link on the keys
 * page (or the URL) and is kept as it is; the search box sets the search.
 */
public class MachineFilterForm implements FilterDraft {

    private static final long serialVersionUID = 1L;

    private String hostname;
    private String status = "";
    private List<Long> machineGroupIds = new ArrayList<>();
    private Set<Long> provisioningKeyIds = Set.of();
    private String search;

    static MachineFilterForm of(Map<String, List<String>> criteria) {
        MachineFilter filter = MachineFilter.parse(criteria, Set.of());
        MachineFilterForm form = new MachineFilterForm();
        form.hostname = filter.hostname();
        form.status = filter.status().size() == 1 ? filter.status().iterator().next().name() : "";
        form.machineGroupIds = new ArrayList<>(filter.machineGroupIds().stream().sorted().toList());
        form.provisioningKeyIds = filter.provisioningKeyIds();
        form.search = filter.search();
        return form;
    }

    @Override
    public Map<String, List<String>> toCriteria() {
        Set<MachineStatus> statuses = status == null || status.isEmpty() ? Set.of() : Set.of(MachineStatus.valueOf(status));
        return new MachineFilter(new LinkedHashSet<>(machineGroupIds), provisioningKeyIds, hostname == null || hostname.isBlank() ? null : hostname.trim(),
                statuses, search).toParameters();
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public List<Long> getMachineGroupIds() {
        return machineGroupIds;
    }

    public void setMachineGroupIds(List<Long> machineGroupIds) {
        this.machineGroupIds = machineGroupIds == null ? new ArrayList<>() : machineGroupIds;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
