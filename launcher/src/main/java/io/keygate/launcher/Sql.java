package io.keygate.launcher;

/** SQL text for the few DDL statements that cannot take bind parameters (CREATE/ALTER ROLE ... PASSWORD). */
final class Sql {

    private Sql() {
    }

    /** A string literal; with standard_conforming_strings (on since PostgreSQL 9.1) only quotes need doubling. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL character in SQL literal");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
