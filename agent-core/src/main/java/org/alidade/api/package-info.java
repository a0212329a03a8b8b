/**
 * The Alidade API: what a pollster family implements ({@link org.alidade.api.Pollster},
 * {@link org.alidade.api.Discovery}, {@link org.alidade.api.SampleSink}) and the values that
 * cross bundle boundaries ({@link org.alidade.api.Resource}, {@link org.alidade.api.Sample},
 * {@link org.alidade.api.SampleBatch}).
 *
 * <p>Every implementation is an OSGi service; the engine in {@code org.alidade.agent.core}
 * tracks them (whiteboard) and re-plans when they come and go.
 */
@Export
@Version("1.3.0")
package org.alidade.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
