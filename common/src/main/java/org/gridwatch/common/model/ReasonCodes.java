package org.gridwatch.common.model;

/** The dead-letter reason codes. They are metric labels and part of the dead-letter contract. */
public final class ReasonCodes {
    public static final String BAD_JSON = "bad_json";
    public static final String NOT_AN_OBJECT = "not_an_object";
    public static final String MISSING_FIELD = "missing_field";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String BAD_ENUM = "bad_enum";
    public static final String FUTURE_TIME = "future_time";
    public static final String TOO_LARGE = "too_large";

    /** Not strict UTF-8: a malformed or overlong sequence, a UTF-16 record, a byte order mark. */
    public static final String BAD_ENCODING = "bad_encoding";

    /** The same key twice in one JSON object (readers disagree on which one counts). */
    public static final String DUPLICATE_KEY = "duplicate_key";

    /** An id holding a control or invisible formatting character (U+0000, U+200B, ...). */
    public static final String BAD_ID = "bad_id";

    /** A reference update whose payload does not describe a usable object of its kind. */
    public static final String BAD_REFERENCE = "bad_reference";

    /**
     * A reference geometry that is invalid, not simple, of the wrong type, outside the city or over
     * the vertex bound.
     */
    public static final String BAD_GEOMETRY = "bad_geometry";

    /** A reference update of a kind no job knows ({@code NUKE}). */
    public static final String UNKNOWN_KIND = "unknown_kind";

    /** A RULE update naming a key no detection reads (a typo would otherwise be a silent no-op). */
    public static final String UNKNOWN_RULE = "unknown_rule";

    /** A RULE value of the wrong type or outside the key's documented range. */
    public static final String BAD_RULE = "bad_rule";

    public static final String LATE_EVENT = "late_event";

    /**
     * A hotline lifecycle step (or repeat) for a case the case job does not know: never received,
     * or closed longer ago than its repeat window and cleared. The original is the event re-encoded
     * as JSON.
     */
    public static final String UNKNOWN_CASE = "unknown_case";

    /**
     * A noise reading from a device that is neither registered (no DEVICE record) nor inside any
     * noise zone, so no limit applies to it; dead-lettered by the noise detection, not the parser.
     */
    public static final String UNKNOWN_DEVICE = "unknown_device";

    public static final String ES_REJECTED = "es_rejected";

    // JT/T 808 gateway (gateway/README.md). The original of these dead letters is the frame in hex.
    /** The XOR check code does not match the frame's header and body. */
    public static final String JT808_BAD_CHECKSUM = "jt808_bad_checksum";

    /** A 0x7d escape byte followed by anything but 0x01 or 0x02. */
    public static final String JT808_BAD_ESCAPE = "jt808_bad_escape";

    /** A frame or body shorter than its header or its own fields say. */
    public static final String JT808_TRUNCATED = "jt808_truncated";

    /** A frame longer than its header says, or longer than the gateway's frame limit. */
    public static final String JT808_OVERSIZED = "jt808_oversized";

    /** Bytes outside any 0x7e ... 0x7e frame. */
    public static final String JT808_GARBAGE = "jt808_garbage";

    /** A message id the gateway does not handle (answered 0x8001 "unsupported"). */
    public static final String JT808_UNSUPPORTED_MESSAGE = "jt808_unsupported_message";

    /** An encrypted body (RSA flag); the gateway holds no keys. */
    public static final String JT808_ENCRYPTED = "jt808_encrypted";

    /** Location data from a connection that has not authenticated (0x0102). */
    public static final String JT808_NOT_AUTHENTICATED = "jt808_not_authenticated";

    /** An authentication with a code the gateway did not issue to that phone number. */
    public static final String JT808_AUTH_FAILED = "jt808_auth_failed";

    /**
     * A body whose fields cannot be read: bad BCD time, coordinates out of range, leftover batch
     * bytes.
     */
    public static final String JT808_BAD_BODY = "jt808_bad_body";

    /** A location of (0, 0): the terminal has never had a fix. */
    public static final String JT808_NO_FIX = "jt808_no_fix";

    /** Sub-packages that are inconsistent or never all arrived. */
    public static final String JT808_SUBPACKAGE = "jt808_subpackage";

    /**
     * Frames dropped because the terminal sent more than its rate allows (one dead letter a
     * second).
     */
    public static final String JT808_RATE_LIMITED = "jt808_rate_limited";

    private ReasonCodes() {}
}
