package io.keygate.web.infrastructure;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.CreateAdmin;
import io.keygate.accounts.api.CreateOrganization;
import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.RandomPasswords;
import io.keygate.platform.api.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code KEYGATE_DEMO=true} ({@code ./keygate run --demo}) fills an empty portal with a second
 * organisation, groups and admins, so a newcomer sees full pages. Never runs otherwise, and only once.
 */
@Startup
@Singleton
@DependsOn("FirstStart")
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoData {

    static final String DEMO_ORGANIZATION = "Acme-Robotics";
    private static final List<String> DEFAULT_GROUPS = List.of("Linux-Servers", "Windows-Desktops", "macOS-Laptops",
            "Build-Agents", "Kiosks.EU", "Kiosks.US", "Point-of-Sale", "Lab_Machines", "Edge-Gateways", "Jump-Hosts",
            "Database-Servers", "Web-Frontends", "CI-Runners", "Print-Servers", "VDI-Pool", "Warehouse-Scanners",
            "Meeting-Rooms", "Branch-Routers", "HR-Laptops", "Finance-Desktops", "Dev-Workstations", "QA-Devices",
            "Staging-Servers", "Backup-Appliances", "Contractor-Laptops");

    @Inject
    @ConfigProperty(name = "keygate.demo", defaultValue = "false")
    boolean demo;
    @Inject
    AccountService accounts;
    @Inject
    MachineGroupService groups;
    @Inject
    SignedInActor actor;
    @Inject
    RequestContextController requestContext;

    @PostConstruct
    void load() {
        if (!demo) {
            return;
        }
        requestContext.activate();
        try {
            actor.actAs(accounts.findActor("operator").orElseThrow());
            String acmePassword = RandomPasswords.generate();
            try {
                accounts.createOrganization(new CreateOrganization(DEMO_ORGANIZATION, "acme-admin", acmePassword));
            } catch (ConflictException alreadyLoaded) {
                return;
            }
            actor.actAs(accounts.findActor("acme-admin").orElseThrow());
            createGroup("Factory-Robots", "Assembly line controllers", true);
            createGroup("Engineering-Laptops", "<b>Markup</b> in a description is shown as text", true);
            actor.actAs(accounts.findActor("admin").orElseThrow());
            String auditorPassword = RandomPasswords.generate();
            try {
                accounts.createAdmin(new CreateAdmin("auditor", auditorPassword, Role.READ_ONLY));
            } catch (ConflictException usernameTaken) {
                auditorPassword = "(not created: the username 'auditor' is taken)";
            }
            for (int i = 0; i < DEFAULT_GROUPS.size(); i++) {
                createGroup(DEFAULT_GROUPS.get(i), "Demo group " + (i + 1) + " of the default organisation", i % 7 != 3);
            }
            System.out.println(String.join(System.lineSeparator(), "",
                    "Demo data loaded: " + DEFAULT_GROUPS.size() + " machine groups in 'default', organisation '" + DEMO_ORGANIZATION + "'.",
                    "  read-only admin of 'default': auditor  password: " + auditorPassword,
                    "  administrator of '" + DEMO_ORGANIZATION + "': acme-admin  password: " + acmePassword,
                    "These passwords are shown only this once.", ""));
        } finally {
            requestContext.deactivate();
        }
    }

    /** A group the admin already made under the same name is kept as it is. */
    private void createGroup(String name, String description, boolean enabled) {
        try {
            groups.create(new CreateMachineGroup(name, description, enabled));
        } catch (ConflictException nameTaken) {
            // keep the admin's own group
        }
    }
}
