package org.alidade.coordination;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Just enough of a framework to construct the component with {@code new}: proxies that record. */
final class Osgi {

    /** Services registered through {@link #context()} and not unregistered since. */
    final List<Object> registered = new ArrayList<>();
    /** Properties of configuration {@code org.alidade.polling}, or {@code null} for none. */
    volatile Hashtable<String, Object> polling;

    BundleContext context() {
        return proxy(BundleContext.class, (method, args) -> switch (method) {
            case "registerService" -> {
                Object service = args[1];
                registered.add(service);
                yield proxy(ServiceRegistration.class, (m, a) -> {
                    if (m.equals("unregister")) {
                        registered.remove(service);
                    }
                    return null;
                });
            }
            default -> null;
        });
    }

    ConfigurationAdmin configAdmin() {
        return proxy(ConfigurationAdmin.class, (method, args) -> {
            if (method.equals("listConfigurations") && polling != null) {
                Configuration c = proxy(Configuration.class,
                        (m, a) -> m.equals("getProperties") ? (Dictionary<String, Object>) polling : null);
                return new Configuration[] {c};
            }
            return null;
        });
    }

    /** A configuration as DS hands it over: the given values, the annotation's defaults for the rest. */
    static CoordinationConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (CoordinationConfig) Proxy.newProxyInstance(Osgi.class.getClassLoader(),
                new Class<?>[] {CoordinationConfig.class}, (p, m, a) -> {
                    if (m.getName().equals("annotationType")) {
                        return CoordinationConfig.class;
                    }
                    if (m.getDeclaringClass() == Object.class) {
                        return m.getName().equals("toString") ? values.toString() : m.invoke(values, a);
                    }
                    String key = m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                    return values.getOrDefault(key, m.getDefaultValue());
                });
    }

    @SuppressWarnings("unchecked")
    static ServiceReference<org.alidade.api.Pollster> pollster(long id, Object namespaces) {
        return proxy(ServiceReference.class, (m, a) -> m.equals("getProperty")
                ? switch ((String) a[0]) {
                    case "service.id" -> id;
                    case "pollster.namespace" -> namespaces;
                    default -> null;
                } : null);
    }

    interface Handler {
        Object call(String method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Handler h) {
        return (T) Proxy.newProxyInstance(Osgi.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> type.getSimpleName() + " proxy";
                };
            }
            return h.call(m.getName(), a);
        });
    }
}
