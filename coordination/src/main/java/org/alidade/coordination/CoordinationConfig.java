package org.alidade.coordination;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: workload partitioning over ZooKeeper. Absent or empty {@code backend_url}: off. */
@ObjectClassDefinition(name = "Alidade coordination", description = "Workload partitioning: agents join groups in "
        + "ZooKeeper and each polls only the resources a consistent hash ring over the live members gives it. "
        + "Without backend_url, this agent polls everything.")
public @interface CoordinationConfig {

    String PID = "org.alidade.coordination";

    @AttributeDefinition(required = false, description = "ZooKeeper connect string: host:port[,host:port…][/chroot] "
            + "(zookeeper://… also accepted). The chroot must exist. Empty: partitioning off.")
    String backend__url() default "";

    @AttributeDefinition(required = false, description = "ZooKeeper session timeout, seconds: an agent that dies "
            + "leaves its groups after this long, and the others take over its share.")
    int session__timeout() default 30;

    @AttributeDefinition(required = false, description = "Seconds to wait for a first ZooKeeper connection (and "
            + "for the membership of a newly used group) before the fallback applies.")
    int connection__timeout() default 10;

    @AttributeDefinition(required = false, description = "Group name prefix, appended to the sorted namespaces "
            + "(Ceilometer's partitioning_group_prefix).")
    String group__prefix() default "";

    @AttributeDefinition(required = false, description = "Seconds the last known membership is kept while "
            + "ZooKeeper is unreachable; -1 keeps it for ever. Then the fallback applies.")
    int ring__hold() default 300;

    @AttributeDefinition(required = false, description = "What this agent polls when it has no membership to go "
            + "by: all (every resource; others may poll them too) or none (nothing; resources may go unpolled).",
            options = {@org.osgi.service.metatype.annotations.Option(value = "all"),
                    @org.osgi.service.metatype.annotations.Option(value = "none")})
    String fallback() default "all";
}
