package org.alidade.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that declares a DS component as a {@link Discovery}:
 * {@code @DiscoveryName(name = "local_instances", group = "compute-01")}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DiscoveryName {

    /** Prefix of the property names ({@code discovery.name}, {@code discovery.group}). */
    String PREFIX_ = "discovery.";

    /** The discovery's name, property {@value Discovery#NAME}. */
    String name();

    /** The partitioning group, property {@value Discovery#GROUP}. */
    String group() default Discovery.DEFAULT_GROUP;
}
