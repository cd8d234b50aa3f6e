/** Types every module shares: the acting admin, request origin, paging, the name rule and errors. */
package io.keygate.platform.api;
