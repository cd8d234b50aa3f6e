package io.keygate.launcher;

/** How Keygate reaches its database; handed to Payara as KEYGATE_DB_URL / _USER / _PASSWORD. */
record DatabaseLogin(String url, String user, String password) {

    @Override
    public String toString() {
        return "DatabaseLogin[url=" + url + ", user=" + user + ", password=***]";
    }
}
