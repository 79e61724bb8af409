package org.gridwatch.gateway.codec;

/**
 * A decoded 0x0100 terminal registration.
 *
 * <pre>
 *                 2013      2019
 * province        WORD      WORD
 * city            WORD      WORD
 * maker           BYTE[5]   BYTE[11]
 * model           BYTE[20]  BYTE[30]
 * terminal id     BYTE[7]   BYTE[30]
 * plate colour    BYTE      BYTE      0 = no plate (then a VIN follows)
 * plate / VIN     STRING (GBK), the rest of the body
 * </pre>
 */
public record Registration(
        int province,
        int city,
        String maker,
        String model,
        String terminalId,
        int plateColor,
        String plate) {

    public static Registration decode(byte[] body, boolean v2019) {
        BodyReader r = new BodyReader(body, 0, body.length, "registration body");
        int province = r.u16();
        int city = r.u16();
        String maker = r.text(v2019 ? 11 : 5, BodyReader.GBK);
        String model = r.text(v2019 ? 30 : 20, BodyReader.GBK);
        String terminalId = r.text(v2019 ? 30 : 7, BodyReader.GBK);
        int color = r.u8();
        String plate = r.text(r.remaining(), BodyReader.GBK);
        return new Registration(
                province, city, maker, model, terminalId, color, plate.isEmpty() ? null : plate);
    }

    /** The body a terminal sends (tests and the benchmark's terminals). */
    public byte[] encode(boolean v2019) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(province >> 8);
        out.write(province);
        out.write(city >> 8);
        out.write(city);
        out.writeBytes(fixed(maker, v2019 ? 11 : 5));
        out.writeBytes(fixed(model, v2019 ? 30 : 20));
        out.writeBytes(fixed(terminalId, v2019 ? 30 : 7));
        out.write(plateColor);
        if (plate != null) {
            out.writeBytes(plate.getBytes(BodyReader.GBK));
        }
        return out.toByteArray();
    }

    private static byte[] fixed(String s, int n) {
        return java.util.Arrays.copyOf(s.getBytes(BodyReader.GBK), n);
    }
}
