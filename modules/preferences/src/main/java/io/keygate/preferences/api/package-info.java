/** Saved filters and table layouts of the signed-in admin, for any table of the portal. */
package io.keygate.preferences.api;
