package org.alidade.publisher.amqp.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One message as a consumer gets it: delivery info, properties, raw body and both JSON layers. Public for distribution/framework-it. */
public record Received(String exchange, String routingKey, boolean redelivered, AMQP.BasicProperties properties, String body,
        Map<String, Object> envelope, Map<String, Object> message) {

    public static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    public static Received of(String exchange, String routingKey, boolean redelivered, AMQP.BasicProperties props,
            byte[] body) {
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            Map<String, Object> env = JSON.readValue(text, Map.class);
            Map<String, Object> msg = JSON.readValue((String) env.get("oslo.message"), Map.class);
            return new Received(exchange, routingKey, redelivered, props, text, env, msg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Received of(GetResponse r) {
        return of(r.getEnvelope().getExchange(), r.getEnvelope().getRoutingKey(), r.getEnvelope().isRedeliver(),
                r.getProps(), r.getBody());
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> samples() {
        return (List<Map<String, Object>>) ((Map<String, Object>) message.get("payload")).get("samples");
    }
}
