/** The organisation's signing certificates (enrollment CAs). */
package io.keygate.certificates.api;
