package io.keygate.launcher;

/** The launcher's own lines, prefixed so they stand out between Payara's log lines. */
final class Console {

    private Console() {
    }

    static void say(String line) {
        System.out.println("keygate: " + line);
        System.out.flush();
    }

    static void error(String line) {
        System.err.println("keygate: ERROR: " + line);
        System.err.flush();
    }
}
