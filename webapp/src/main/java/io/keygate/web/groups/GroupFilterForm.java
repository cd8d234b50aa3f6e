package io.keygate.web.groups;

import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.web.tables.FilterDraft;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The chips of the groups table's filter bar (T2): name, status, has machines; the search box sets the rest. */
public class GroupFilterForm implements FilterDraft {

    private static final long serialVersionUID = 1L;

    private String name;
    private String status = "";
    private String hasMachines = "";
    private String search;

    static GroupFilterForm of(Map<String, List<String>> criteria) {
        MachineGroupFilter filter = MachineGroupFilter.parse(criteria, Set.of());
        GroupFilterForm form = new GroupFilterForm();
        form.name = filter.nameContains();
        form.status = filter.enabled() == null ? "" : filter.enabled().toString();
        form.hasMachines = filter.hasMachines() == null ? "" : filter.hasMachines().toString();
        form.search = filter.search();
        return form;
    }

    @Override
    public Map<String, List<String>> toCriteria() {
        return new MachineGroupFilter(name == null || name.isBlank() ? null : name.trim(), bool(status), bool(hasMachines), search).toParameters();
    }

    private static Boolean bool(String choice) {
        return choice == null || choice.isEmpty() ? null : Boolean.valueOf(choice);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getHasMachines() {
        return hasMachines;
    }

    public void setHasMachines(String hasMachines) {
        this.hasMachines = hasMachines;
    }
}
