package io.keygate.web.accounts;

import io.keygate.accounts.api.AdminSummary;
import io.keygate.platform.api.Role;
import java.io.Serializable;

/** The Add/Edit Admin dialog's fields. The password is dropped as soon as it has been saved. */
public class AdminForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private Long version;
    private String username;
    private String password;
    private Role role = Role.READ_ONLY;

    static AdminForm editing(AdminSummary admin) {
        AdminForm form = new AdminForm();
        form.id = admin.id();
        form.version = admin.version();
        form.username = admin.username();
        form.role = admin.role();
        return form;
    }

    void forgetPassword() {
        password = null;
    }

    public Long getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }
}
