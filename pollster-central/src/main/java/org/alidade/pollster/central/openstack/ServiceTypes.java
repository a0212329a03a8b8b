package org.alidade.pollster.central.openstack;

/** The catalog service types the central pollsters call, and Swift's account prefix. */
public record ServiceTypes(String glance, String cinder, String neutron, String swift, String resellerPrefix) {

    public static final ServiceTypes DEFAULTS = new ServiceTypes("image", "volumev3", "network", "object-store", "AUTH_");
}
