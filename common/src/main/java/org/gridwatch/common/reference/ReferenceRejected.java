package org.gridwatch.common.reference;

/**
 * A reference update refused for its effect: a geometry that is invalid, not simple, outside the
 * city or too detailed, an unknown kind or rule key, a rule value outside its documented range. The
 * reason code is the dead-letter reason ({@code org.gridwatch.common.model.ReasonCodes}).
 */
public final class ReferenceRejected extends IllegalArgumentException {
    private final String reasonCode;

    public ReferenceRejected(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
