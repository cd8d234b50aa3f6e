/** Types every module shares: the acting admin, request origin, paging, the name rule, errors and rate windows. */
package io.keygate.platform.api;
