package org.gridwatch.gateway.codec;

import java.nio.charset.StandardCharsets;

/**
 * A decoded 0x0102 authentication. 2013: the whole body is the code. 2019: code length BYTE, the
 * code, IMEI BYTE[15], software version BYTE[20]. Some terminals set the 2019 flag but send a 2013
 * body; when the length byte does not fit, the whole body is taken as the code.
 *
 * @param code the authentication code the platform issued in 0x8100
 * @param imei the 2019 IMEI, or null
 * @param softwareVersion the 2019 software version, or null
 */
public record Authentication(String code, String imei, String softwareVersion) {

    public static Authentication decode(byte[] body, boolean v2019) {
        if (v2019 && body.length >= 1 && 1 + (body[0] & 0xff) + 15 + 20 <= body.length) {
            BodyReader r = new BodyReader(body, 0, body.length, "authentication body");
            int n = r.u8();
            String code = r.text(n, BodyReader.GBK);
            return new Authentication(
                    code,
                    r.text(15, StandardCharsets.US_ASCII),
                    r.text(20, StandardCharsets.US_ASCII));
        }
        return new Authentication(new String(body, BodyReader.GBK).trim(), null, null);
    }

    /** The body a terminal sends (tests and the benchmark's terminals). */
    public byte[] encode(boolean v2019) {
        byte[] c = code.getBytes(BodyReader.GBK);
        if (!v2019) {
            return c;
        }
        byte[] out = new byte[1 + c.length + 15 + 20];
        out[0] = (byte) c.length;
        System.arraycopy(c, 0, out, 1, c.length);
        byte[] i = (imei == null ? "" : imei).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(i, 0, out, 1 + c.length, Math.min(15, i.length));
        byte[] v =
                (softwareVersion == null ? "" : softwareVersion)
                        .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, out, 1 + c.length + 15, Math.min(20, v.length));
        return out;
    }
}
