package org.gridwatch.gateway.codec;

/** The JT/T 808 message ids the gateway speaks, and the result codes of its replies. */
public final class MessageIds {
    public static final int TERMINAL_GENERAL_RESPONSE = 0x0001;
    public static final int HEARTBEAT = 0x0002;
    public static final int UNREGISTER = 0x0003;
    public static final int REGISTER = 0x0100;
    public static final int AUTHENTICATE = 0x0102;
    public static final int LOCATION = 0x0200;
    public static final int LOCATION_BATCH = 0x0704;
    public static final int PLATFORM_GENERAL_RESPONSE = 0x8001;
    public static final int REGISTER_RESPONSE = 0x8100;

    /** 0x8001 result: success / confirmation. */
    public static final int RESULT_OK = 0;

    /** 0x8001 result: failure (here: the terminal has not authenticated, or its code is wrong). */
    public static final int RESULT_FAILURE = 1;

    /** 0x8001 result: the message is malformed. */
    public static final int RESULT_BAD_MESSAGE = 2;

    /** 0x8001 result: the message id (or its encryption) is not supported. */
    public static final int RESULT_UNSUPPORTED = 3;

    /** 0x8100 result: registered. */
    public static final int REGISTER_OK = 0;

    private MessageIds() {}
}
