package org.alidade.pollster.central.dynamic;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value #PID}: where the dynamic pollster definitions are and how often they are re-read. */
@ObjectClassDefinition(id = DynamicConfig.PID, name = "Alidade dynamic pollsters",
        description = "Folders of Ceilometer pollsters.d YAML definitions, re-read live")
public @interface DynamicConfig {

    String PID = "org.alidade.central.dynamic";

    @AttributeDefinition(name = "pollsters_definitions_dirs",
            description = "Folders of *.yaml definitions, read in this order (a list or comma-separated)")
    String[] pollsters__definitions__dirs() default {"/etc/ceilometer/pollsters.d"};

    @AttributeDefinition(name = "scan_interval", description = "Seconds between two checks of the folders for changes (0: never)")
    double scan__interval() default 5.0;
}
