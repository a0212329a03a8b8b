package org.alidade.publisher.amqp.link;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what the client throws into one sentence an operator can act on: which broker, what
 * went wrong, what to check. Never includes a password.
 */
final class BrokerErrors {

    private BrokerErrors() {
    }

    static String connect(TransportUrl.Host host, String vhost, boolean tls, Throwable e) {
        String where = "broker " + host.address();
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                if (!(s.getReason() instanceof com.rabbitmq.client.AMQP.Connection.Close)) {
                    // no AMQP close: the peer broke the handshake off, as a TLS port does with a plain client
                    return where + " broke the AMQP handshake off (" + s.getMessage() + ")"
                            + (tls ? "" : "; if that is a TLS port, use amqps:// or ssl=true");
                }
                String reason = closeReason(s);
                if (reason.contains("530") || reason.toLowerCase().contains("vhost")) {
                    return where + ": virtual host '" + vhost + "' does not exist or user '" + host.username()
                            + "' may not use it (" + reason + ")";
                }
                if (reason.contains("403") || reason.contains("ACCESS_REFUSED")) {
                    return where + ": user '" + host.username() + "' was refused (wrong user or password?) (" + reason
                            + ")";
                }
                return where + " closed the connection: " + reason;
            }
            if (t instanceof AuthenticationFailureException || t instanceof PossibleAuthenticationFailureException) {
                return where + ": user '" + host.username() + "' was refused (wrong user or password?)";
            }
            if (t instanceof SSLException) {
                return where + ": TLS handshake failed (" + t.getMessage() + "); check ssl_ca_file, the broker's "
                        + "certificate and host name, and that the port speaks TLS";
            }
            if (t instanceof UnknownHostException) {
                return where + ": unknown host " + host.host();
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return where + " is unreachable: " + t.getMessage();
            }
            root = t;
        }
        if (root instanceof SocketTimeoutException || root instanceof TimeoutException) {
            return where + ": no AMQP answer in time" + (tls ? " (is it a TLS port?)" : " (a TLS-only port?)") + ": "
                    + root.getMessage();
        }
        if (root instanceof EOFException || root instanceof java.net.SocketException) {
            return where + " dropped the connection during the handshake" + (tls ? "" : " (a TLS-only port?)") + ": "
                    + root;
        }
        return where + ": " + root;
    }

    static String declare(Topology topology, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                String reason = closeReason(s);
                if (reason.contains("406") || reason.contains("PRECONDITION_FAILED")) {
                    return "exchange '" + topology.exchange() + "' or its queues already exist with other flags than "
                            + "durable=" + topology.durable() + " auto_delete=" + topology.autoDelete()
                            + " arguments=" + topology.queueArgs() + " (" + reason + "); set amqp_durable_queues / "
                            + "amqp_auto_delete / rabbit_quorum_queue like the rest of the deployment";
                }
                if (reason.contains("403") || reason.contains("ACCESS_REFUSED")) {
                    return "the broker refused to declare exchange '" + topology.exchange() + "' (" + reason
                            + "); grant the user configure and write permissions on the vhost";
                }
                return "declaring exchange '" + topology.exchange() + "' failed: " + reason;
            }
        }
        return "declaring exchange '" + topology.exchange() + "' failed: " + e;
    }

    private static String closeReason(ShutdownSignalException s) {
        Object r = s.getReason();
        if (r instanceof com.rabbitmq.client.AMQP.Connection.Close c) {
            return c.getReplyCode() + " " + c.getReplyText();
        }
        if (r instanceof com.rabbitmq.client.AMQP.Channel.Close c) {
            return c.getReplyCode() + " " + c.getReplyText();
        }
        return String.valueOf(s.getMessage());
    }
}
