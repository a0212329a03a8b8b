package org.alidade.publisher.amqp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code org.alidade.publisher.amqp}. Option names follow oslo.messaging's, so a Ceilometer
 * configuration maps one to one ({@code _} in a name is {@code __} in a method here).
 */
@ObjectClassDefinition(name = "Alidade AMQP publisher",
        description = "Publishes samples to RabbitMQ as oslo.messaging notifications, as ceilometer-polling does.")
public @interface AmqpConfig {

    String PID = "org.alidade.publisher.amqp";

    @AttributeDefinition(description = "oslo transport URL: rabbit://user:pass@host:port[,user:pass@host2:port2]/vhost "
            + "(several hosts fail over in order; amqps:// or ?ssl=1 for TLS). Its password is never logged.")
    String transport__url() default "rabbit://guest:guest@localhost:5672/";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Password for every host of transport_url; when set it replaces the URL's, so the URL "
                    + "need not hold a secret.")
    String password() default "";

    @AttributeDefinition(required = false, description = "The topic exchange ([DEFAULT] control_exchange).")
    String exchange() default "ceilometer";

    @AttributeDefinition(required = false, description = "[oslo_messaging_notifications] topics: one publish per "
            + "topic, routing key <topic>.sample (list, or comma-separated).")
    String[] topics() default {"notifications"};

    @AttributeDefinition(required = false, description = "Declare the exchange and queues durable "
            + "([oslo_messaging_rabbit] amqp_durable_queues). Must match the rest of the deployment.")
    boolean amqp__durable__queues() default false;

    @AttributeDefinition(required = false, description = "Declare them auto-delete (amqp_auto_delete).")
    boolean amqp__auto__delete() default false;

    @AttributeDefinition(required = false, description = "Quorum queues (rabbit_quorum_queue): durable, "
            + "x-queue-type quorum.")
    boolean rabbit__quorum__queue() default false;

    @AttributeDefinition(required = false, description = "Classic mirrored queues (rabbit_ha_queues): x-ha-policy all.")
    boolean rabbit__ha__queues() default false;

    @AttributeDefinition(required = false, description = "Use TLS ([oslo_messaging_rabbit] ssl), as amqps:// does.")
    boolean ssl() default false;

    @AttributeDefinition(required = false, description = "PEM file of the CA certificates to trust; empty: the JVM's.")
    String ssl__ca__file() default "";

    @AttributeDefinition(required = false, description = "PEM client certificate (chain), if the broker asks for one.")
    String ssl__cert__file() default "";

    @AttributeDefinition(required = false, description = "Unencrypted PKCS#8 PEM key of the client certificate.")
    String ssl__key__file() default "";

    @AttributeDefinition(required = false, description = "Check that the broker's certificate names its host.")
    boolean ssl__verify__hostname() default true;

    @AttributeDefinition(required = false, description = "AMQP heartbeat in seconds (heartbeat_timeout_threshold); 0 off.")
    int heartbeat__timeout__threshold() default 60;

    @AttributeDefinition(required = false, description = "Seconds to wait for TCP connect and AMQP handshake.")
    int connect__timeout() default 10;

    @AttributeDefinition(required = false, description = "Seconds before the first reconnect (rabbit_retry_interval).")
    double rabbit__retry__interval() default 1;

    @AttributeDefinition(required = false, description = "Seconds added per further failed attempt (rabbit_retry_backoff).")
    double rabbit__retry__backoff() default 2;

    @AttributeDefinition(required = false, description = "Longest wait between attempts in seconds (rabbit_interval_max).")
    double rabbit__interval__max() default 30;

    @AttributeDefinition(required = false, description = "Seconds a publish may wait for its confirm before the "
            + "connection counts as broken and the publish is sent again.")
    int confirm__timeout() default 30;

    @AttributeDefinition(required = false, description = "Notifications published and not yet confirmed, at most.")
    int max__in__flight() default 256;

    @AttributeDefinition(required = false, description = "Spool folder; empty for <alidade.data>/amqp-spool. It must "
            + "survive restarts: what it holds is sent first at the next start.")
    String spool__dir() default "";

    @AttributeDefinition(required = false, description = "MiB of notifications kept in memory before the oldest go "
            + "to the spool folder.")
    int spool__memory__mb() default 32;

    @AttributeDefinition(required = false, description = "MiB of notifications kept in the spool folder; beyond "
            + "memory + disk the oldest are dropped and counted.")
    int spool__disk__mb() default 1024;
}
