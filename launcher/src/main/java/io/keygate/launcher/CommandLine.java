package io.keygate.launcher;

import java.util.List;
import java.util.Optional;

/** The arguments of {@code ./keygate}: only {@code run}, optionally with {@code --demo}. */
record CommandLine(boolean demo) {

    static Optional<CommandLine> parse(String... args) {
        List<String> list = List.of(args);
        if (list.isEmpty() || !list.get(0).equals("run")) {
            return Optional.empty();
        }
        List<String> options = list.subList(1, list.size());
        if (options.isEmpty()) {
            return Optional.of(new CommandLine(false));
        }
        if (options.equals(List.of("--demo"))) {
            return Optional.of(new CommandLine(true));
        }
        return Optional.empty();
    }

    static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }
}
