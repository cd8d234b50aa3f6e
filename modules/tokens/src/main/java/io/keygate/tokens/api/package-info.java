/** Creating, listing and revoking API tokens, and recognising one presented with a request. */
package io.keygate.tokens.api;
