package org.alidade.discovery.openstack;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@value #PID}: the service user the agent authenticates as, with the option names of
 * Ceilometer's {@code [service_credentials]} (Keystone v3 password authentication, project scope).
 */
@ObjectClassDefinition(id = OpenStackConfig.PID, name = "Alidade OpenStack credentials",
        description = "Ceilometer's [service_credentials]: Keystone v3 service user, endpoint interface and region, TLS")
public @interface OpenStackConfig {

    String PID = "org.alidade.openstack";

    @AttributeDefinition(name = "auth_url", description = "Keystone URL, e.g. https://keystone:5000 or https://keystone:5000/v3")
    String auth__url() default "";

    @AttributeDefinition(name = "username", description = "The service user, e.g. ceilometer")
    String username() default "";

    @AttributeDefinition(name = "password", type = AttributeType.PASSWORD, description = "The service user's password (never logged)")
    String password() default "";

    @AttributeDefinition(name = "user_domain_name", description = "Domain of the user, by name (ignored when user_domain_id is set)")
    String user__domain__name() default "Default";

    @AttributeDefinition(name = "user_domain_id", description = "Domain of the user, by id")
    String user__domain__id() default "";

    @AttributeDefinition(name = "project_name", description = "Project the token is scoped to, e.g. service")
    String project__name() default "";

    @AttributeDefinition(name = "project_id", description = "Project the token is scoped to, by id (wins over project_name)")
    String project__id() default "";

    @AttributeDefinition(name = "project_domain_name", description = "Domain of the project, by name (ignored when project_domain_id is set)")
    String project__domain__name() default "Default";

    @AttributeDefinition(name = "project_domain_id", description = "Domain of the project, by id")
    String project__domain__id() default "";

    @AttributeDefinition(name = "interface", description = "Catalog interface: public, internal or admin (publicURL, internalURL, adminURL accepted)")
    String interface$() default "public";

    @AttributeDefinition(name = "region_name", description = "Catalog region; empty for any region")
    String region__name() default "";

    @AttributeDefinition(name = "cafile", description = "PEM file of the CA certificates to trust for https (empty: the JDK's trust store)")
    String cafile() default "";

    @AttributeDefinition(name = "insecure", description = "Accept any server certificate and host name (testing only)")
    boolean insecure() default false;

    @AttributeDefinition(name = "timeout", description = "Time limit of one HTTP request, in seconds")
    double timeout() default 30.0;
}
