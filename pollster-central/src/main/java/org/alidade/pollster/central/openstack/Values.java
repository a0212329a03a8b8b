package org.alidade.pollster.central.openstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading parsed JSON. */
public final class Values {

    private Values() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    public static String string(Object o) {
        return o == null ? null : o.toString();
    }

    /** The named fields of {@code entry}, in order; a field the API left out is {@code null}. */
    public static Map<String, Object> pick(Map<String, Object> entry, List<String> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : fields) {
            m.put(f, entry.get(f));
        }
        return m;
    }
}
