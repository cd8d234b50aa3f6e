package io.keygate.launcher;

import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code ./keygate}: {@code run} or {@code cluster} (each optionally {@code --demo}),
 * {@code rotate-master-key}, {@code rotate-pepper}.
 */
record CommandLine(Command command, boolean demo) {

    enum Command {
        RUN("run"),
        CLUSTER("cluster"),
        ROTATE_MASTER_KEY("rotate-master-key"),
        ROTATE_PEPPER("rotate-pepper");

        private final String word;

        Command(String word) {
            this.word = word;
        }

        static Optional<Command> named(String word) {
            for (Command command : values()) {
                if (command.word.equals(word)) {
                    return Optional.of(command);
                }
            }
            return Optional.empty();
        }
    }

    static Optional<CommandLine> parse(String... args) {
        List<String> list = List.of(args);
        Optional<Command> command = list.isEmpty() ? Optional.empty() : Command.named(list.get(0));
        if (command.isEmpty()) {
            return Optional.empty();
        }
        List<String> options = list.subList(1, list.size());
        if (options.isEmpty()) {
            return Optional.of(new CommandLine(command.get(), false));
        }
        if ((command.get() == Command.RUN || command.get() == Command.CLUSTER) && options.equals(List.of("--demo"))) {
            return Optional.of(new CommandLine(command.get(), true));
        }
        return Optional.empty();
    }

    static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }
}
