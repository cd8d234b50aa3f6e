package io.keygate.web.groups;

import io.keygate.groups.api.MachineGroupSummary;
import java.io.Serializable;

/** What the Add/Edit dialog holds between requests: the fields being edited and the version read. */
public class MachineGroupForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private Long version;
    private String name;
    private String description;
    private boolean enabled = true;

    static MachineGroupForm editing(MachineGroupSummary group) {
        MachineGroupForm form = new MachineGroupForm();
        form.id = group.id();
        form.version = group.version();
        form.name = group.name();
        form.description = group.description();
        form.enabled = group.enabled();
        return form;
    }

    public Long getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
