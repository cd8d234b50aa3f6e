package io.keygate.launcher;

/**
 * How Keygate reaches its database; handed to Payara as KEYGATE_DB_URL / _USER / _PASSWORD (the schema's owner, for
 * the migrations) and KEYGATE_DB_APP_USER / _APP_PASSWORD (the login the application works with, which owns no table).
 * The application's login is null for an external database: the environment brings it, or the WAR's default.
 */
record DatabaseLogin(String url, String user, String password, String appUser, String appPassword) {

    DatabaseLogin(String url, String user, String password) {
        this(url, user, password, null, null);
    }

    @Override
    public String toString() {
        return "DatabaseLogin[url=" + url + ", user=" + user + ", password=***, appUser=" + appUser + ", appPassword=***]";
    }
}
