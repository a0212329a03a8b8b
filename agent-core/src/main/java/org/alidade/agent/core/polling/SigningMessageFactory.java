package org.alidade.agent.core.polling;

import java.util.Map;
import org.alidade.agent.core.message.MeterMessage;
import org.alidade.agent.core.message.Signer;
import org.alidade.api.Sample;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Builds and signs meter messages with the {@code telemetry_secret} of PID
 * {@code org.alidade.publisher} (reference §2.2–2.3); samples without an id get a
 * time-based UUID as upstream.
 */
@Component(service = MessageFactory.class, configurationPid = SigningMessageFactory.PID)
@Designate(ocd = SigningMessageFactory.Config.class)
public final class SigningMessageFactory implements MessageFactory {

    public static final String PID = "org.alidade.publisher";

    /** Upstream's default secret: signatures are only as good as the secret configured. */
    public static final String DEFAULT_SECRET = "change this for valid signing";

    @ObjectClassDefinition(name = "Alidade publishing", description = "Signing and the JSON-lines file sink.")
    public @interface Config {
        @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
                description = "Secret of the HMAC-SHA256 message signature ([publisher] telemetry_secret); "
                        + "empty sends an empty signature.")
        String telemetry__secret() default DEFAULT_SECRET;

        @AttributeDefinition(required = false, description = "Write every signed sample to a JSON-lines file.")
        boolean file__sink() default true;

        @AttributeDefinition(required = false, description = "Folder of the file sink; empty for "
                + "<alidade.data>/samples (system property alidade.data, default ./data).")
        String file__sink__dir() default "";

        @AttributeDefinition(required = false, description = "Size in MiB at which the sample file is rotated.")
        int file__sink__max__mb() default 64;

        @AttributeDefinition(required = false, description = "Rotated sample files kept besides the current one.")
        int file__sink__keep() default 5;
    }

    private volatile Signer signer;

    @Activate
    public SigningMessageFactory(Config config) {
        configure(config);
    }

    @Modified
    void configure(Config config) {
        signer = new Signer(config.telemetry__secret());
    }

    @Override
    public Map<String, Object> signedMessage(Sample sample, String timestamp) {
        return MeterMessage.signed(sample, timestamp, null, signer); // the sample's id, else a fresh TimeUuid
    }
}
