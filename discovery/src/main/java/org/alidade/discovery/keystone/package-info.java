/**
 * The Keystone v3 session of the agent's service user (Ceilometer's {@code [service_credentials]},
 * PID {@code org.alidade.openstack}), for any bundle that calls an OpenStack API: the token (reused
 * and renewed before it expires), the service catalog filtered by the configured interface and
 * region, and authenticated HTTP requests through the JDK client with the configured TLS options.
 *
 * <p>The {@link org.alidade.discovery.keystone.KeystoneSession} service is always registered by
 * {@code org.alidade.discovery}; when the PID is missing or invalid, every call fails with an
 * {@link org.alidade.discovery.keystone.OpenStackException} that says which property to set.
 */
@Export
@Version("1.0.0")
package org.alidade.discovery.keystone;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
