package org.alidade.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that declares a DS component as a {@link Pollster}:
 * {@code @PollsterMeter(name = "cpu", namespace = "compute")}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PollsterMeter {

    /** Prefix of the property names ({@code pollster.name}, {@code pollster.namespace}). */
    String PREFIX_ = "pollster.";

    /** The meter name, property {@value Pollster#NAME}. */
    String name();

    /** The namespaces, property {@value Pollster#NAMESPACE}. */
    String[] namespace();
}
