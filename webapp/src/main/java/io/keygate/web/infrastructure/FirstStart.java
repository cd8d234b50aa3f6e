package io.keygate.web.infrastructure;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.BootstrapOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the very first start creates the organisation {@code default}, its administrator and the platform
 * operator. A generated password is printed once on the console (not the log) and never stored in clear.
 */
@Startup
@Singleton
@DependsOn({"DatabaseMigrations", "KeyMaterialCheck"})
@TransactionManagement(TransactionManagementType.BEAN)
public class FirstStart {

    @Inject
    AccountService accounts;
    @Inject
    RequestContextController requestContext;
    @Inject
    @ConfigProperty(name = "keygate.admin.password")
    Optional<String> adminPassword;
    @Inject
    @ConfigProperty(name = "keygate.operator.password")
    Optional<String> operatorPassword;

    @PostConstruct
    void createFirstAccounts() {
        requestContext.activate();
        try {
            BootstrapOutcome outcome = accounts.bootstrap(adminPassword.orElse(null), operatorPassword.orElse(null));
            if (outcome.created()) {
                System.out.println(banner(outcome));
            }
        } finally {
            requestContext.deactivate();
        }
    }

    static String banner(BootstrapOutcome outcome) {
        return String.join(System.lineSeparator(),
                "",
                "Keygate first start: organisation 'default' created.",
                "  administrator: " + outcome.adminUsername() + "  password: " + shown(outcome.generatedAdminPassword(), "KEYGATE_ADMIN_PASSWORD"),
                "  operator:      " + outcome.operatorUsername() + "  password: " + shown(outcome.generatedOperatorPassword(), "KEYGATE_OPERATOR_PASSWORD"),
                "These generated passwords are shown only this once.",
                "");
    }

    private static String shown(String generated, String variable) {
        return generated == null ? "(as set in " + variable + ")" : generated;
    }
}
