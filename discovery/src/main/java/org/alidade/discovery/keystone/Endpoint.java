package org.alidade.discovery.keystone;

/**
 * One endpoint of the service catalog.
 *
 * @param serviceType  the service type ({@code image}, {@code network}, …)
 * @param serviceName  the service name ({@code glance}, …), or {@code null}
 * @param interfaceName {@code public}, {@code internal} or {@code admin}
 * @param region       the region id, or {@code null}
 * @param url          the endpoint URL, as the catalog gives it
 */
public record Endpoint(String serviceType, String serviceName, String interfaceName, String region, String url) {
}
