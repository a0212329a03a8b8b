/**
 * Ceilometer's meter message and its signature (reference §2.2–2.3), for any bundle that must
 * produce or check them: {@link org.alidade.agent.core.message.MeterMessage} builds the message
 * dict, {@link org.alidade.agent.core.message.Signer} signs and verifies it,
 * {@link org.alidade.agent.core.message.PythonText} gives Python's {@code str()}/{@code repr()}
 * texts (shortest round-trip floats) that the signature — and Python's JSON — are made of.
 */
@Export
@Version("2.0.0")
package org.alidade.agent.core.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
