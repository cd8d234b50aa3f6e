/** Machine groups: listing, creating, editing and deleting them within the actor's organisation. */
package io.keygate.groups.api;
