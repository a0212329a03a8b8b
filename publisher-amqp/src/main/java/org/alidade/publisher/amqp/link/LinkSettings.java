package org.alidade.publisher.amqp.link;

import java.time.Duration;

/**
 * How the publisher reaches the broker and paces itself.
 *
 * @param url              the brokers (failover in order), credentials and vhost
 * @param tls              TLS material and checks, or {@code null} for plain AMQP
 * @param heartbeat        AMQP heartbeat ({@code heartbeat_timeout_threshold})
 * @param connectTimeout   TCP and handshake time limit
 * @param retryInterval    first wait after a failed connect ({@code rabbit_retry_interval})
 * @param retryBackoff     added to the wait after each further failure ({@code rabbit_retry_backoff})
 * @param intervalMax      longest wait ({@code rabbit_interval_max})
 * @param confirmTimeout   a publish not confirmed by then counts the connection as broken
 * @param maxInFlight      notifications published and not yet confirmed, at most
 */
public record LinkSettings(TransportUrl url, TlsSettings tls, Duration heartbeat, Duration connectTimeout,
        Duration retryInterval, Duration retryBackoff, Duration intervalMax, Duration confirmTimeout,
        int maxInFlight) {

    /** The wait before connect attempt {@code failures + 1}: linear backoff as oslo's, capped. */
    public Duration backoff(int failures) {
        Duration d = retryInterval.plus(retryBackoff.multipliedBy(Math.max(0, failures - 1)));
        return d.compareTo(intervalMax) > 0 ? intervalMax : d;
    }
}
