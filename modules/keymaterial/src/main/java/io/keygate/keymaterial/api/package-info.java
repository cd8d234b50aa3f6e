/** Versioned pepper and master key files, keyed hashes of secrets and their envelope encryption. */
package io.keygate.keymaterial.api;
