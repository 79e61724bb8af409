package org.gridwatch.gateway.codec;

import java.util.HexFormat;

/** Hex fixtures: spaces allowed, case ignored. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").toLowerCase());
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** The unescaped content of a whole {@code 7e ... 7e} frame. */
    public static byte[] content(String frameHex) {
        byte[] f = bytes(frameHex);
        return FrameCodec.unescape(f, 1, f.length - 2);
    }
}
