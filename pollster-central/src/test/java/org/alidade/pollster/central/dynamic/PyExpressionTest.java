package org.alidade.pollster.central.dynamic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PyExpressionTest {

    private static Object eval(String path, Object root) throws EvalException {
        return AttributePath.parse(path).evaluate(root);
    }

    private static Object op(String expr, Object value) throws EvalException {
        Map<String, Object> scope = new HashMap<>();
        scope.put("value", value);
        return PyExpression.parse(expr, Set.of("value")).eval(scope);
    }

    @Test
    void everyExampleOfTheReference() throws Exception {
        assertEquals("admin", eval("user | value.split('$')[0].strip()", Map.of("user", " admin $default")));
        Map<String, Object> noImage = new HashMap<>();
        noImage.put("image", "");
        assertEquals("", eval("image | value or {'id': ''} | value['id']", noImage));
        assertEquals("img-9", eval("image | value or {'id': ''} | value['id']", Map.of("image", Map.of("id", "img-9"))));
        assertEquals("a,b", eval("tags | ','.join(value)", Map.of("tags", List.of("a", "b"))));
        Map<String, Object> page = Map.of("links", List.of(Map.of("rel", "self", "href", "h1"),
                Map.of("rel", "next", "href", "h2")));
        assertEquals("h2", eval("links | filter(lambda v: v.get('rel') == 'next', value) | list(value) | value[0] "
                + "| value.get('href')", page));
    }

    @Test
    void pythonSemantics() throws Exception {
        assertEquals("c", op("value[-1]", List.of("a", "b", "c")));
        assertEquals(List.of("b"), op("value[1:2]", List.of("a", "b", "c")));
        assertEquals(3L, op("len(value)", "abc"));
        assertEquals(7L, op("value // 2", 15));
        assertEquals(2.5, op("value / 2", 5));
        assertEquals(-1L, op("value % 3 - 3", 11));
        assertEquals(1024L, op("int(value) * 1024", "1"));
        assertEquals("1.5", op("str(value)", 1.5));
        assertEquals("None", op("str(value)", null));
        assertEquals(true, op("value is None", null));
        assertEquals("yes", op("'yes' if value in ['ACTIVE', 'UP'] else 'no'", "UP"));
        assertEquals(List.of("a", "b c"), op("value.split(' ', 1)", "a b c"));
        assertEquals(List.of("a b", "c"), op("value.rsplit(' ', 1)", "a b c"));
        assertEquals(List.of(2L, 4L), op("list(map(lambda x: x * 2, value))", List.of(1, 2)));
        assertEquals(List.of(3, 1), op("sorted(value, reverse=True)", List.of(1, 3)));
        assertEquals(4L, op("sum(map(lambda d: d['n'], value))", List.of(Map.of("n", 1), Map.of("n", 3))));
        assertEquals("x", op("value.get('missing', 'x')", Map.of()));
        assertEquals(true, op("value == 1", 1.0), "1.0 == 1");
    }

    @Test
    void errorsCarryThePythonException() {
        EvalException key = assertThrows(EvalException.class, () -> op("value['id']", Map.of()));
        assertTrue(key.isKeyError());
        assertEquals("KeyError: 'id'", key.getMessage());
        EvalException index = assertThrows(EvalException.class, () -> op("list(value)[0]", List.of()));
        assertEquals("IndexError: list index out of range", index.getMessage());
        EvalException path = assertThrows(EvalException.class, () -> eval("flavor.vcpus", Map.of("flavor", Map.of())));
        assertTrue(path.isKeyError());
        assertEquals("TypeError: sequence item 0: expected str instance, int found",
                assertThrows(EvalException.class, () -> op("','.join(value)", List.of(1))).getMessage());
    }

    @Test
    void rejectsAnythingThatCouldRunCode() {
        for (String bad : List.of("__import__('os').system('id')", "value.__class__", "open('/etc/passwd')",
                "eval(value)", "exec('x')", "globals()", "[x for x in value]", "value.upper", "getattr(value, 'x')",
                "lambda: os", "value.format(1)", "(lambda: 1)()", "value ** 2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PyExpression.parse(bad, Set.of("value")), bad);
            assertTrue(e.getMessage().contains("column"), bad + " → " + e.getMessage());
        }
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> AttributePath.parse("name | 'x'.upper()"));
        assertEquals("operation 1 ''x'.upper()' must use the variable 'value'", noValue.getMessage());
    }
}
