/** Provisioning key values: their format, parsing, generation and masked display. */
package io.keygate.keys.api;
