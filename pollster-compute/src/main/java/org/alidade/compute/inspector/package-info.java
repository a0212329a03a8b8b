/**
 * The hypervisor inspector of the compute family: what an {@link org.alidade.compute.inspector.Inspector}
 * service reads from the hypervisor (domains, their description and their counters) as immutable values.
 * The libvirt implementation lives in this bundle; the {@code local_instances} discovery and the compute
 * pollsters use only this package.
 */
@Export
@Version("1.2.0")
package org.alidade.compute.inspector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
