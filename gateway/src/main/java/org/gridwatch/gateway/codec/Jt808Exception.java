package org.gridwatch.gateway.codec;

/**
 * Input the codec cannot use, with the dead-letter reason code ({@code jt808_*} in {@link
 * org.gridwatch.common.model.ReasonCodes}) and a sentence saying what was wrong.
 *
 * <p>No stack trace: a flooding terminal can make thousands of these a second, and the reason code
 * and message say everything a stack would.
 */
public final class Jt808Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reasonCode;

    public Jt808Exception(String reasonCode, String message) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
