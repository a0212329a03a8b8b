package org.alidade.discovery.openstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.alidade.discovery.keystone.OpenStackException;
import org.alidade.discovery.keystone.OpenStackResponse;

/** Response bodies as plain JSON values (maps, lists, strings, numbers of their exact JSON type). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The body as a JSON object, or an exception naming the call when it is anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(OpenStackResponse r) throws OpenStackException {
        Object value;
        try {
            value = MAPPER.readValue(r.body(), Object.class);
        } catch (JsonProcessingException e) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered a body that is not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered an unreadable body: " + e);
        }
        if (!(value instanceof Map)) {
            throw new OpenStackException(r.method() + " " + r.uri() + " answered JSON that is not an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
