/** Recording audit events and reading them back for administrators. */
package io.keygate.audit.api;
