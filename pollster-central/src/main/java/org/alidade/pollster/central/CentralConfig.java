package org.alidade.pollster.central;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@value #PID}: Ceilometer's {@code [service_types]} and {@code [DEFAULT] reseller_prefix}
 * for the central pollsters. The credentials are PID {@code org.alidade.openstack}.
 */
@ObjectClassDefinition(id = CentralConfig.PID, name = "Alidade central pollsters",
        description = "Catalog service types of the OpenStack services the central pollsters call ([service_types])")
public @interface CentralConfig {

    String PID = "org.alidade.central";

    @AttributeDefinition(name = "glance", description = "Service type of the image service")
    String glance() default "image";

    @AttributeDefinition(name = "cinder", description = "Service type of the block storage service (API v3)")
    String cinder() default "volumev3";

    @AttributeDefinition(name = "neutron", description = "Service type of the network service")
    String neutron() default "network";

    @AttributeDefinition(name = "swift", description = "Service type of the object store")
    String swift() default "object-store";

    @AttributeDefinition(name = "reseller_prefix", description = "Swift reseller prefix, as reseller_prefix in proxy-server.conf")
    String reseller__prefix() default "AUTH_";
}
