package org.gridwatch.common.parse;

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
    /** A reference geometry that is invalid, not simple, of the wrong type, outside the city or over the vertex bound. */
    public static final String BAD_GEOMETRY = "bad_geometry";
    /** A reference update of a kind no job knows ({@code NUKE}). */
    public static final String UNKNOWN_KIND = "unknown_kind";
    /** A RULE update naming a key no detection reads (a typo would otherwise be a silent no-op). */
    public static final String UNKNOWN_RULE = "unknown_rule";
    /** A RULE value of the wrong type or outside the key's documented range. */
    public static final String BAD_RULE = "bad_rule";
    public static final String LATE_EVENT = "late_event";
    public static final String ES_REJECTED = "es_rejected";

    private ReasonCodes() {}
}
