package org.alidade.compute.inspector;

/** The domain no longer exists (removed since the snapshot): skip it, it is not an error. */
public class InstanceGoneException extends InspectorException {

    private static final long serialVersionUID = 1L;

    public InstanceGoneException(String message) {
        super(message);
    }
}
