package org.alidade.compute.libvirt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.alidade.api.Metadata;
import org.alidade.compute.inspector.DomainDescription;
import org.alidade.compute.inspector.DomainDescription.Disk;
import org.alidade.compute.inspector.DomainDescription.Nic;
import org.alidade.compute.inspector.NovaInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Parses a domain XML ({@code virDomainGetXMLDesc}) into a {@link DomainDescription}: the devices
 * Ceilometer's libvirt inspector reads and Nova's metadata as its {@code libvirt_metadata}
 * discovery reads it (reference §4.1, §5).
 */
final class DomainXml {

    static final String NOVA_1_1 = "http://openstack.org/xmlns/libvirt/nova/1.1";
    static final String NOVA_1_0 = "http://openstack.org/xmlns/libvirt/nova/1.0";

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(DomainXml::newBuilder);

    /** A description, and why its Nova metadata was not usable (or {@code null}). */
    record Parsed(DomainDescription description, String novaProblem) {
    }

    /** A domain XML that is not even XML, or has no name or UUID. */
    static final class MalformedDomainException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDomainException(String message) {
            super(message);
        }
    }

    private DomainXml() {
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser: " + e.getMessage(), e);
        }
    }

    static Parsed parse(String xml) throws MalformedDomainException {
        Document doc;
        try {
            DocumentBuilder b = BUILDERS.get();
            b.reset();
            b.setErrorHandler(null);
            doc = b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new MalformedDomainException("domain XML does not parse: " + e.getMessage());
        }
        Element domain = doc.getDocumentElement();
        String name = text(child(domain, "name"));
        String uuid = text(child(domain, "uuid"));
        if (name == null || uuid == null) {
            throw new MalformedDomainException("domain XML without name or uuid");
        }
        Element type = child(child(domain, "os"), "type");
        String arch = type == null ? null : shared(attr(type, "arch"));
        String osType = shared(text(type));
        Element devices = child(domain, "devices");
        List<Disk> disks = new ArrayList<>();
        List<Nic> nics = new ArrayList<>();
        for (Element e : children(devices, "disk")) {
            Element source = child(e, "source");
            String dev = shared(attr(child(e, "target"), "dev"));
            if (source != null && dev != null) {
                disks.add(new Disk(dev, firstAttr(source, "file", "dev", "volume", "name")));
            }
        }
        for (Element e : children(devices, "interface")) {
            String tap = attr(child(e, "target"), "dev");
            String mac = attr(child(e, "mac"), "address");
            if (tap == null || mac == null) {
                continue;
            }
            Element filterref = child(e, "filterref");
            Map<String, Object> params = new LinkedHashMap<>();
            for (Element p : children(filterref, "parameter")) {
                String pn = attr(p, "name");
                if (pn != null) {
                    params.put(shared(pn.toLowerCase(Locale.ROOT)), attr(p, "value"));
                }
            }
            params.put("interfaceid", attr(child(child(e, "virtualport"), "parameters"), "interfaceid"));
            params.put("bridge", shared(attr(child(e, "source"), "bridge")));
            nics.add(new Nic(tap, mac, shared(attr(filterref, "filter")), frozenStrings(params)));
        }
        NovaInstance nova = null;
        String problem = null;
        Element instance = novaInstance(child(domain, "metadata"));
        if (instance == null) {
            problem = "no Nova metadata (" + NOVA_1_1 + ")";
        } else {
            try {
                nova = nova(instance);
            } catch (IllegalArgumentException e) {
                problem = "unusable Nova metadata: " + e.getMessage();
            }
        }
        return new Parsed(new DomainDescription(uuid, name, arch, osType, nova, disks, nics), problem);
    }

    private static Element novaInstance(Element metadata) {
        if (metadata == null) {
            return null;
        }
        for (String ns : new String[] {NOVA_1_1, NOVA_1_0}) {
            for (Node n = metadata.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && "instance".equals(e.getLocalName())) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Ceilometer skips a domain whose metadata lacks an element (and crashes on a missing attribute: we skip it too). */
    private static NovaInstance nova(Element instance) {
        String displayName = text(required(instance, "name"));
        Element flavor = required(instance, "flavor");
        String flavorName = shared(requiredAttr(flavor, "name"));
        String flavorId = shared(attr(flavor, "id"));
        Element owner = required(instance, "owner");
        Element user = required(owner, "user");
        Element project = required(owner, "project");
        String image = null;
        for (Element root : children(instance, "root")) {
            if ("image".equals(attr(root, "type"))) {
                image = shared(attr(root, "uuid"));
            }
        }
        return new NovaInstance(displayName == null ? "" : displayName, flavorName,
                flavorId == null || flavorId.isEmpty() ? flavorName : flavorId, integer(flavor, "vcpus"),
                integer(flavor, "memory"), integer(flavor, "disk"), integer(flavor, "ephemeral"),
                integer(flavor, "swap"), shared(requiredAttr(user, "uuid")), shared(text(user)),
                shared(requiredAttr(project, "uuid")), shared(text(project)), image);
    }

    /**
     * One string for a value that many domains of a host have alike (their flavor, owner, image,
     * architecture, disk names, bridge): the descriptions stay for as long as their domains, and at
     * 10 000 instances a copy of each in every domain was some 300 bytes an instance. Values of one
     * domain only (name, UUID, MAC, paths) are not shared: the JVM's table would only grow.
     */
    private static String shared(String value) {
        return value == null ? null : value.intern();
    }

    private static Element required(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            throw new IllegalArgumentException("no <" + name + "> in <" + parent.getLocalName() + ">");
        }
        return e;
    }

    private static String requiredAttr(Element e, String name) {
        String v = attr(e, name);
        if (v == null) {
            throw new IllegalArgumentException("<" + e.getLocalName() + "> has no " + name + " attribute");
        }
        return v;
    }

    private static int integer(Element flavor, String name) {
        String t = text(child(flavor, name));
        if (t == null || t.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("flavor " + name + " is not an integer: '" + t + "'");
        }
    }

    /** The first child element of that local name (any namespace: Nova's elements carry its own). */
    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName.equals(localName(e))) {
                    list.add(e);
                }
            }
        }
        return list;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /**
     * A NIC's parameters as a frozen map (ordered, compact, and shared as it is by the NIC's
     * metadata): its values are strings or {@code null}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> frozenStrings(Map<String, Object> strings) {
        return (Map<String, String>) (Map<?, ?>) Metadata.of(strings);
    }

    private static String attr(Element e, String name) {
        if (e == null || !e.hasAttribute(name)) {
            return null;
        }
        return e.getAttribute(name);
    }

    private static String firstAttr(Element e, String... names) {
        for (String n : names) {
            String v = attr(e, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
