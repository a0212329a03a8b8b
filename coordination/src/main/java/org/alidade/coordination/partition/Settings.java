package org.alidade.coordination.partition;

import java.time.Duration;
import org.alidade.coordination.zk.ConnectString;

/**
 * Validated coordination settings.
 *
 * @param connect           where ZooKeeper is
 * @param sessionTimeout    ZooKeeper session timeout
 * @param connectionTimeout how long a first connection, or the membership of a new group, is waited for
 * @param groupPrefix       appended to the namespaces in group names; may be empty
 * @param hold              how long the last membership is kept without ZooKeeper; negative: for ever
 * @param fallback          what is polled without membership
 */
public record Settings(ConnectString connect, Duration sessionTimeout, Duration connectionTimeout, String groupPrefix,
        Duration hold, Fallback fallback) {

    public Settings {
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("session_timeout must be > 0 seconds");
        }
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("connection_timeout must be > 0 seconds");
        }
        groupPrefix = groupPrefix == null ? "" : groupPrefix.trim();
        if (groupPrefix.contains("/")) {
            throw new IllegalArgumentException("group_prefix must not contain /: '" + groupPrefix + "'");
        }
    }

    /** Whether the last membership is kept for ever without ZooKeeper. */
    public boolean holdsForever() {
        return hold.isNegative();
    }
}
