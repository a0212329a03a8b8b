package org.alidade.pollster.central.dynamic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code response_handlers} chain: {@code json} (the JSON value), {@code xml} (a dict in
 * xmltodict's shape: {@code @attribute}, {@code #text}, repeated elements as lists) and
 * {@code text} ({@code [{"out": body}]}, as 20.0.0+). The first handler that parses wins.
 */
final class ResponseHandlers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseHandlers() {
    }

    /** @throws IllegalArgumentException when no handler parses the body, with each one's reason */
    static Object parse(List<String> handlers, byte[] body) {
        List<String> failures = new ArrayList<>();
        for (String h : handlers) {
            try {
                return switch (h) {
                    case "json" -> JSON.readValue(body, Object.class);
                    case "xml" -> xml(body);
                    case "text" -> List.of(Map.of("out", new String(body, StandardCharsets.UTF_8)));
                    default -> throw new IllegalArgumentException("unknown handler");
                };
            } catch (Exception e) {
                String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                failures.add(h + ": " + m);
            }
        }
        throw new IllegalArgumentException("no response handler of " + handlers + " could parse the body ("
                + String.join("; ", failures) + ")");
    }

    private static Object xml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(root.getTagName(), element(root));
        return doc;
    }

    private static Object element(Element e) {
        Map<String, Object> m = new LinkedHashMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            m.put("@" + attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
        }
        StringBuilder text = new StringBuilder();
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node c = children.item(i);
            if (c instanceof Element child) {
                Object v = element(child);
                String k = child.getTagName();
                if (m.containsKey(k)) {
                    Object prev = m.get(k);
                    // element() never returns a list: a list here is the one made for a repeated element
                    if (prev instanceof List<?> l) {
                        @SuppressWarnings("unchecked")
                        List<Object> list = (List<Object>) l;
                        list.add(v);
                    } else {
                        List<Object> list = new ArrayList<>();
                        list.add(prev);
                        list.add(v);
                        m.put(k, list);
                    }
                } else {
                    m.put(k, v);
                }
            } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(c.getNodeValue());
            }
        }
        String t = text.toString().strip();
        if (m.isEmpty()) {
            return t.isEmpty() ? null : t;
        }
        if (!t.isEmpty()) {
            m.put("#text", t);
        }
        return m;
    }
}
