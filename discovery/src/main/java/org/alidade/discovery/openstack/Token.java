package org.alidade.discovery.openstack;

import java.time.Instant;

/**
 * A Keystone token and what came with it. {@link #toString()} never shows the token.
 *
 * @param expiresAt when Keystone says it expires, or {@code null} when it did not say
 * @param issuedAt  when it was received (by the session's clock)
 */
record Token(String value, Instant issuedAt, Instant expiresAt, String userId, String projectId, Catalog catalog) {

    /** Whether the token should be renewed now: within a quarter of its life or a minute of its end. */
    boolean isStale(Instant now) {
        if (expiresAt == null) {
            return false;
        }
        long lifeMs = Math.max(0, expiresAt.toEpochMilli() - issuedAt.toEpochMilli());
        long marginMs = Math.min(60_000, lifeMs / 4);
        return !now.isBefore(expiresAt.minusMillis(marginMs));
    }

    @Override
    public String toString() {
        return "Token[user=" + userId + ", project=" + projectId + ", expires=" + expiresAt + "]";
    }
}
