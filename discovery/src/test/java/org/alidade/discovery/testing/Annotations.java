package org.alidade.discovery.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Configuration annotation instances for tests, as DS makes them: a property named after the
 * method (DS name mapping: {@code __} → {@code _}, {@code _} → {@code .}, {@code $} removed), else
 * the annotation default.
 */
public final class Annotations {

    private Annotations() {
    }

    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "toString" -> type.getSimpleName() + "(test)";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> null;
                };
            }
            Object v = properties.get(property(m));
            return v == null ? m.getDefaultValue() : coerce(v, m);
        });
        return type.cast(proxy);
    }

    static String property(Method m) {
        String n = m.getName().replace("$", "");
        return n.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object coerce(Object v, Method m) {
        Class<?> t = m.getReturnType();
        if (t.isArray() && !v.getClass().isArray()) {
            Object a = Array.newInstance(t.getComponentType(), 1);
            Array.set(a, 0, v);
            return a;
        }
        if (t == double.class && v instanceof Number n) {
            return n.doubleValue();
        }
        if (t == int.class && v instanceof Number n) {
            return n.intValue();
        }
        return v;
    }
}
