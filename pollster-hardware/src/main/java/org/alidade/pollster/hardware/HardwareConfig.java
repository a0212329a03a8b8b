package org.alidade.pollster.hardware;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@value #PID}: how the hardware family talks SNMP, and the targets of its discovery.
 * Credentials given here are the defaults for {@code snmp://host} resources that carry none
 * (upstream's {@code [hardware] readonly_user_*}).
 */
@ObjectClassDefinition(id = HardwareConfig.PID, name = "Alidade hardware pollsters",
        description = "SNMP defaults, limits and targets of the hardware.* meters")
public @interface HardwareConfig {

    String PID = "org.alidade.hardware";

    @AttributeDefinition(description = "The most one host may cost per cycle, retries included (seconds)")
    double timeout() default 3.0;

    @AttributeDefinition(description = "Resends of an unanswered request within the time limit")
    int retries() default 1;

    @AttributeDefinition(description = "Hosts read at once (reads are asynchronous: a host in flight costs no thread)")
    int concurrency() default 256;

    @AttributeDefinition(description = "SNMPv2c community of targets without credentials",
            type = AttributeType.PASSWORD)
    String community() default "public";

    @AttributeDefinition(description = "SNMPv3 user of targets without credentials; when set, v3 is the default")
    String user() default "";

    @AttributeDefinition(description = "md5, sha, sha224, sha256, sha384 or sha512")
    String auth__protocol() default "sha";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SNMPv3 authentication password")
    String auth__password() default "";

    @AttributeDefinition(description = "des, aes128, aes192, aes256, or empty for authNoPriv")
    String priv__protocol() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SNMPv3 privacy password")
    String priv__password() default "";

    @AttributeDefinition(description = "SNMP targets of the hardware_targets discovery: snmp://[user[:password]@]host[:port][?…]")
    String[] targets() default {};
}
