package org.alidade.publisher.amqp.link;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ConfirmListener;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.alidade.publisher.amqp.spool.Entry;
import org.alidade.publisher.amqp.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to the broker: connects (failing over across the URL's hosts, with
 * oslo's linear backoff), declares the topology on every new connection, publishes what the
 * spool holds with publisher confirms, and gives back to the spool whatever a lost connection,
 * a nack or a confirm time-out leaves unconfirmed. Nothing here ever blocks the sink's caller.
 *
 * <p>A publish whose confirm was lost with its connection is sent again: the broker may then
 * hold it twice (at-least-once). Such resends are counted, and carry the same
 * {@code _unique_id}, by which oslo's listeners recognise duplicates.
 */
public final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** oslo's properties: JSON, UTF-8, persistent, priority 0, no headers (reference §3.3). */
    static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder()
            .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(0)
            .headers(Map.of()).build();

    private final LinkSettings settings;
    private final Topology topology;
    private final Spool spool;
    private final SSLContext sslContext;
    private final Thread thread;
    private final Object flight = new Object();
    /** Publish sequence number → entry, for the current channel; guarded by {@code flight}. */
    private final NavigableMap<Long, Entry> inFlight = new TreeMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean stopping;
    private volatile Connection connection;
    private volatile Channel channel;
    private volatile boolean broken;
    private volatile String brokerAddress;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile long oldestPublishNanos;
    private int nextHost;
    private int failures;

    public Publisher(LinkSettings settings, Topology topology, Spool spool) throws Exception {
        this.settings = settings;
        this.topology = topology;
        this.spool = spool;
        this.sslContext = settings.tls() != null ? settings.tls().context() : null;
        this.thread = new Thread(this::run, "alidade-amqp-publisher");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (!stopping) {
            try {
                if (channel == null) {
                    if (!connect()) {
                        sleep(settings.backoff(failures).toMillis());
                    }
                } else {
                    pump();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | IOException e) {
                if (!stopping) {
                    disconnected("publishing failed: " + e);
                }
            }
        }
        disconnect();
    }

    private void sleep(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stopping && System.nanoTime() < end) {
            Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }

    /** One attempt on the next host of the list; true when connected and declared. */
    private boolean connect() {
        List<TransportUrl.Host> hosts = settings.url().hosts();
        TransportUrl.Host host = hosts.get(nextHost % hosts.size());
        nextHost = (nextHost + 1) % hosts.size();
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(host.host());
        cf.setPort(host.port());
        cf.setUsername(host.username());
        cf.setPassword(host.password());
        cf.setVirtualHost(settings.url().virtualHost());
        cf.setRequestedHeartbeat((int) settings.heartbeat().toSeconds());
        cf.setConnectionTimeout((int) settings.connectTimeout().toMillis());
        cf.setHandshakeTimeout((int) settings.connectTimeout().toMillis());
        cf.setShutdownTimeout(1000);
        // recovery is ours: in-flight publishes must go back to the spool, the topology be declared again
        cf.setAutomaticRecoveryEnabled(false);
        cf.setTopologyRecoveryEnabled(false);
        if (sslContext != null) {
            cf.useSslProtocol(sslContext);
            if (settings.tls().verifyHostname()) {
                cf.enableHostnameVerification();
            }
        }
        Connection c = null;
        try {
            c = cf.newConnection("alidade-polling");
        } catch (Exception e) {
            failed(BrokerErrors.connect(host, settings.url().virtualHost(), sslContext != null, e));
            return false;
        }
        try {
            Channel ch = c.createChannel();
            declare(ch);
            ch.confirmSelect();
            ch.addConfirmListener(new Confirms());
            broken = false;
            c.addShutdownListener(cause -> {
                if (!stopping && !cause.isInitiatedByApplication()) {
                    broken = true;
                }
            });
            ch.addShutdownListener(cause -> {
                if (!stopping && !cause.isInitiatedByApplication()) {
                    broken = true;
                }
            });
            connection = c;
            channel = ch;
            brokerAddress = host.address();
            connects.incrementAndGet();
            if (failures > 0) {
                LOG.info("AMQP: connected to {} vhost '{}' after {} failed attempts; sending {} spooled samples",
                        host.address(), settings.url().virtualHost(), failures, spool.backlogSamples());
            } else {
                LOG.info("AMQP: connected to {} vhost '{}'", host.address(), settings.url().virtualHost());
            }
            failures = 0;
            lastError = null;
            return true;
        } catch (Exception e) {
            closeQuietly(c);
            failed(BrokerErrors.declare(topology, e));
            return false;
        }
    }

    private void declare(Channel ch) throws IOException {
        ch.exchangeDeclare(topology.exchange(), "topic", topology.durable(), topology.autoDelete(), Map.of());
        for (String topic : topology.topics()) {
            String queue = org.alidade.publisher.amqp.wire.Notification.routingKey(topic);
            ch.queueDeclare(queue, topology.durable(), false, topology.autoDelete(), topology.queueArgs());
            ch.queueBind(queue, topology.exchange(), queue);
        }
    }

    private void failed(String message) {
        failures++;
        // one ERROR per distinct cause, not one per retry
        if (!message.equals(lastError)) {
            LOG.error("AMQP: {} — spooling and retrying (backoff up to {} s)", message,
                    settings.intervalMax().toSeconds());
        } else {
            LOG.debug("AMQP: still failing: {}", message);
        }
        lastError = message;
        lastErrorAt = Instant.now();
    }

    private void pump() throws InterruptedException, IOException {
        if (broken) {
            disconnected("connection to " + brokerAddress + " lost");
            return;
        }
        int room;
        synchronized (flight) {
            room = settings.maxInFlight() - inFlight.size();
            if (!inFlight.isEmpty()
                    && System.nanoTime() - oldestPublishNanos > settings.confirmTimeout().toNanos()) {
                disconnected("no confirm from " + brokerAddress + " within " + settings.confirmTimeout().toSeconds()
                        + " s");
                return;
            }
        }
        if (room <= 0) {
            synchronized (flight) {
                flight.wait(50);
            }
            return;
        }
        List<Entry> batch = spool.take(room, 50);
        Channel ch = channel;
        for (int i = 0; i < batch.size(); i++) {
            Entry e = batch.get(i);
            synchronized (flight) {
                if (inFlight.isEmpty()) {
                    oldestPublishNanos = System.nanoTime();
                }
                inFlight.put(ch.getNextPublishSeqNo(), e);
            }
            try {
                ch.basicPublish(topology.exchange(), e.routingKey(), false, PROPERTIES, e.body());
            } catch (IOException | RuntimeException ex) {
                spool.requeue(batch.subList(i + 1, batch.size()));
                throw ex;
            }
            published.addAndGet(e.samples());
            if (e.resend()) {
                resent.addAndGet(e.samples());
            }
        }
    }

    /** Gives everything in flight back to the spool and drops the connection. */
    private void disconnected(String why) {
        failed(why);
        disconnect();
    }

    private void disconnect() {
        Connection c = connection;
        channel = null;
        connection = null;
        closeQuietly(c);
        List<Entry> back;
        synchronized (flight) {
            back = new ArrayList<>(inFlight.values());
            inFlight.clear();
            flight.notifyAll();
        }
        spool.requeue(back);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close(1000);
            } catch (Exception | Error ignored) {
                // it is going away anyway
            }
        }
    }

    private final class Confirms implements ConfirmListener {
        @Override
        public void handleAck(long tag, boolean multiple) {
            List<Entry> done = settle(tag, multiple);
            long n = 0;
            for (Entry e : done) {
                n += e.samples();
            }
            confirmed.addAndGet(n);
            spool.confirmed(done);
        }

        @Override
        public void handleNack(long tag, boolean multiple) {
            List<Entry> back = settle(tag, multiple);
            nacked.addAndGet(back.size());
            LOG.warn("AMQP: broker {} nacked {} notifications; sending them again", brokerAddress, back.size());
            spool.requeue(back);
        }

        private List<Entry> settle(long tag, boolean multiple) {
            synchronized (flight) {
                List<Entry> done;
                if (multiple) {
                    NavigableMap<Long, Entry> head = inFlight.headMap(tag, true);
                    done = new ArrayList<>(head.values());
                    head.clear();
                } else {
                    Entry e = inFlight.remove(tag);
                    done = e == null ? List.of() : List.of(e);
                }
                oldestPublishNanos = System.nanoTime();
                flight.notifyAll();
                return done;
            }
        }
    }

    /** Waits until the spool is empty and nothing is in flight, up to {@code millis}. */
    public boolean awaitDrained(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (spool.backlogSamples() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public Status status() {
        int flying;
        synchronized (flight) {
            flying = inFlight.size();
        }
        return new Status(channel != null, channel != null ? brokerAddress : null, published.get(), confirmed.get(),
                resent.get(), nacked.get(), connects.get(), flying, lastError,
                lastErrorAt == null ? null : lastErrorAt.toString());
    }

    /**
     * The link's counters, in samples unless named otherwise (a notification sent to two topics
     * counts its samples twice).
     */
    public record Status(boolean connected, String broker, long published, long confirmed, long resent,
            long nackedNotifications, long connects, int inFlightNotifications, String lastError,
            String lastErrorAt) {
    }

    /** Stops the thread and gives what is in flight back to the spool. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("AMQP: the publisher thread did not stop within 5 s");
        }
        disconnect();
    }
}
