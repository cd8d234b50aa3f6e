/** Organisations, admins and the checking of their passwords. */
package io.keygate.accounts.api;
