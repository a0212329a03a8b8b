package org.alidade.pollster.central.dynamic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alidade.api.SampleType;

/**
 * Checks one definition mapping of a {@code pollsters.d} file as Ceilometer does (required fields
 * must be present and truthy, the name and multi-metric patterns, sample types, handlers) and
 * compiles its attribute paths and operations. Definitions Alidade cannot run safely are rejected
 * here: {@code host_command} (a shell command from a config file), Python authentication modules
 * other than {@code requests.auth.HTTPBasicAuth}, and {@code extra_metadata_fields} (not
 * implemented yet).
 */
public final class DefinitionParser {

    private static final Pattern NAME = Pattern.compile("^([\\w-]+)(\\.[\\w-]+)*(\\.\\{[\\w-]+\\})?$");
    private static final Pattern MULTI_NAME = Pattern.compile(".*(\\.\\{(\\w+)\\})$");
    private static final Pattern MULTI_VALUE = Pattern.compile("^(\\[(\\w+)\\])((\\.\\w+)+)$");
    private static final Set<String> HANDLERS = Set.of("json", "xml", "text");

    private final Path file;
    private final Map<String, Object> raw;
    private String name;

    private DefinitionParser(Path file, Map<String, Object> raw) {
        this.file = file;
        this.raw = raw;
    }

    /** @throws DefinitionException naming the file, the pollster and the field */
    public static Definition parse(Path file, Map<String, Object> raw) throws DefinitionException {
        return new DefinitionParser(file, raw).parse();
    }

    private DefinitionException fail(String field, String message) {
        return new DefinitionException(file, name, field, message);
    }

    private Definition parse() throws DefinitionException {
        Object n = raw.get("name");
        if (n instanceof String s && !s.isEmpty()) {
            name = s;
        }
        if (truthy("host_command")) {
            throw fail("host_command", "host-command pollsters are not supported: Alidade does not run shell "
                    + "commands from configuration files");
        }
        if (truthy("extra_metadata_fields")) {
            throw fail("extra_metadata_fields", "extra metadata enrichment is not supported yet");
        }
        boolean openStack = !truthy("module");
        String nameValue = required("name");
        if (!NAME.matcher(nameValue).matches()) {
            throw fail("name", "'" + nameValue + "' is not a meter name (letters, digits, _ and - in dotted parts, "
                    + "the last may be {placeholder})");
        }
        SampleType type;
        try {
            type = SampleType.fromWireName(required("sample_type"));
        } catch (IllegalArgumentException e) {
            throw fail("sample_type", e.getMessage());
        }
        String unit = required("unit");
        String valueAttr = required("value_attribute");
        Matcher multiName = MULTI_NAME.matcher(nameValue);
        Definition.Multi multi = null;
        AttributePath value = null;
        if (multiName.matches()) {
            Matcher m = MULTI_VALUE.matcher(valueAttr);
            if (!m.matches()) {
                throw fail("value_attribute", "a multi-metric pollster needs '[listAttribute].sub.path', not '"
                        + valueAttr + "'");
            }
            multi = new Definition.Multi(multiName.group(2), m.group(2), List.of(m.group(3).substring(1).split("\\.")));
        } else {
            value = path("value_attribute", valueAttr);
        }
        String endpointType = optionalString("endpoint_type");
        if (openStack && endpointType == null) {
            throw fail("endpoint_type", "is required (a Keystone service type such as compute)");
        }
        String urlPath = urlPath(required("url_path"));
        String basicAuth = null;
        String barbican = optionalString("barbican_secret_id");
        if (!openStack) {
            String module = string("module");
            String object = required("authentication_object");
            if (!module.equals("requests.auth") || !object.equals("HTTPBasicAuth")) {
                throw fail("module", "only module requests.auth with authentication_object HTTPBasicAuth is "
                        + "supported (no Python code is loaded), not " + module + "." + object);
            }
            basicAuth = optionalString("authentication_parameters");
            if (basicAuth == null && barbican == null) {
                throw fail("authentication_parameters", "HTTPBasicAuth needs 'user, password' here or in the "
                        + "Barbican secret named by barbican_secret_id");
            }
            if (basicAuth != null && basicAuth.split(",").length != 2) {
                throw fail("authentication_parameters", "HTTPBasicAuth takes two parameters: user, password");
            }
            if (!urlPath.startsWith("http://") && !urlPath.startsWith("https://")) {
                throw fail("url_path", "a non-OpenStack pollster needs a full http(s) URL");
            }
        }
        List<AttributePath> metadataFields = null;
        if (raw.containsKey("metadata_fields") && raw.get("metadata_fields") != null) {
            metadataFields = new ArrayList<>();
            for (Object o : list("metadata_fields")) {
                if (!(o instanceof String s)) {
                    throw fail("metadata_fields", "entries must be strings, not " + o);
                }
                metadataFields.add(path("metadata_fields", s));
            }
        }
        Object defaultValue = raw.containsKey("default_value") ? raw.get("default_value") : (Object) (-1);
        Map<String, String> metadataMapping = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : map("metadata_mapping").entrySet()) {
            metadataMapping.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : map("headers").entrySet()) {
            if (e.getValue() == null) {
                throw fail("headers", "header " + e.getKey() + " has no value");
            }
            headers.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        Duration timeout = Duration.ofSeconds(30);
        if (raw.get("timeout") != null) {
            if (!(raw.get("timeout") instanceof Number t) || !(t.doubleValue() > 0)) {
                throw fail("timeout", "must be a number of seconds > 0, not " + raw.get("timeout"));
            }
            timeout = Duration.ofMillis(Math.round(t.doubleValue() * 1000));
        }
        List<String> handlers = new ArrayList<>();
        if (raw.get("response_handlers") == null) {
            handlers.add("json");
        } else {
            for (Object o : list("response_handlers")) {
                if (!HANDLERS.contains(o) || handlers.contains(o)) {
                    throw fail("response_handlers", "entries must be json, xml or text, each once; not " + o);
                }
                handlers.add((String) o);
            }
            if (handlers.isEmpty()) {
                throw fail("response_handlers", "is empty");
            }
        }
        List<String> namespaces = new ArrayList<>();
        Object ns = raw.get("namespaces");
        if (ns == null) {
            namespaces.add("central");
        } else if (ns instanceof String s) {
            namespaces.add(s);
        } else if (ns instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(String.class::isInstance)) {
            l.forEach(o -> namespaces.add((String) o));
        } else {
            throw fail("namespaces", "must be a namespace or a list of them, not " + ns);
        }
        Object preserve = raw.getOrDefault("preserve_mapped_metadata", true);
        if (!(preserve instanceof Boolean)) {
            throw fail("preserve_mapped_metadata", "must be true or false, not " + preserve);
        }
        return new Definition(file, raw, nameValue, type, unit, value, multi, openStack, endpointType, urlPath,
                metadataFields == null ? null : List.copyOf(metadataFields), list("skip_sample_values"),
                map("value_mapping"), defaultValue, metadataMapping, (Boolean) preserve,
                optionalPath("response_entries_key"), optionalPath("next_sample_url_attribute"),
                identity("user_id_attribute", "user_id", openStack), identity("project_id_attribute", "project_id", openStack),
                identity("resource_id_attribute", "id", openStack), headers, timeout, List.copyOf(handlers),
                List.copyOf(namespaces), basicAuth, barbican);
    }

    /**
     * Ceilometer evaluates {@code url_path} as a Python expression over {@code base_metadata} and
     * keeps the literal when that fails; without extra metadata there are no variables, so only a
     * constant expression (e.g. {@code 'v2/' + 'servers'}) computes.
     */
    private String urlPath(String literal) {
        try {
            Object v = PyExpression.parse(literal, Set.of()).eval(Map.of());
            return v instanceof String s ? s : literal;
        } catch (IllegalArgumentException | EvalException e) {
            return literal;
        }
    }

    /** The non-OpenStack type always copies the identity attributes; the OpenStack type only when not default. */
    private AttributePath identity(String field, String dflt, boolean openStack) throws DefinitionException {
        String v = optionalString(field);
        if (v == null) {
            v = dflt;
        }
        if (openStack && v.equals(dflt)) {
            return null;
        }
        return path(field, v);
    }

    private AttributePath optionalPath(String field) throws DefinitionException {
        String v = optionalString(field);
        return v == null ? null : path(field, v);
    }

    private AttributePath path(String field, String source) throws DefinitionException {
        try {
            return AttributePath.parse(source);
        } catch (IllegalArgumentException e) {
            throw fail(field, "'" + source + "': " + e.getMessage());
        }
    }

    private boolean truthy(String field) {
        return PyValues.truthy(raw.get(field));
    }

    private String required(String field) throws DefinitionException {
        if (!truthy(field)) {
            throw fail(field, raw.containsKey(field) ? "is required and must not be empty" : "is required");
        }
        return string(field);
    }

    private String string(String field) throws DefinitionException {
        Object v = raw.get(field);
        if (!(v instanceof String s)) {
            throw fail(field, "must be a string, not " + v);
        }
        return s;
    }

    private String optionalString(String field) throws DefinitionException {
        return truthy(field) ? string(field) : null;
    }

    private List<Object> list(String field) throws DefinitionException {
        Object v = raw.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw fail(field, "must be a list, not " + v);
        }
        return new ArrayList<>(l);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> map(String field) throws DefinitionException {
        Object v = raw.get(field);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw fail(field, "must be a mapping, not " + v);
        }
        return new LinkedHashMap<>((Map<Object, Object>) v);
    }
}
