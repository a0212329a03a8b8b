package org.alidade.publisher.amqp.it;

import java.util.UUID;

/**
 * A vhost of this test's own on the shared RabbitMQ node (127.0.0.1:5672, guest/guest): created
 * with full permissions for guest, deleted with everything in it at the end. Public for
 * distribution/framework-it (this module's test-jar).
 */
public final class SharedVhost implements AutoCloseable {

    public static final int PORT = Integer.getInteger("alidade.it.rabbit.port", 5672);

    public final String name = "alidade-it-" + UUID.randomUUID().toString().substring(0, 8);

    public SharedVhost() {
        Rabbitmqctl.ctl(null, "add_vhost", name);
        Rabbitmqctl.ctl(null, "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    }

    /** A transport URL for this vhost. */
    public String url() {
        return "rabbit://guest:guest@127.0.0.1:" + PORT + "/" + name;
    }

    @Override
    public void close() {
        Rabbitmqctl.ctl(null, "delete_vhost", name);
    }
}
