package io.keygate.keymaterial.api;

import java.nio.file.Path;

/** A secrets file that cannot be used; the message names the file and the problem, never a secret. */
public class SecretsFileException extends KeyMaterialException {

    /** What is wrong with the file. */
    public enum Problem {
        MISSING,
        UNREADABLE,
        /** Group or others may access it, or the owner may not read it: the mode must be 0600 or 0400. */
        WRONG_MODE,
        MALFORMED_LINE,
        WRONG_LENGTH,
        DUPLICATE_VERSION,
        NO_VERSION,
        /** A new file was asked for where one already exists. */
        ALREADY_EXISTS,
        /** Writing a new file or a new version failed. */
        UNWRITABLE
    }

    private final transient Path file;
    private final Problem problem;

    public SecretsFileException(Path file, Problem problem, String detail) {
        super("Secrets file " + file + ": " + detail);
        this.file = file;
        this.problem = problem;
    }

    public SecretsFileException(Path file, Problem problem, String detail, Throwable cause) {
        super("Secrets file " + file + ": " + detail, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
