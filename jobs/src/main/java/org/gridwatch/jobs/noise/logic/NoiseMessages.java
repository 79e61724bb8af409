package org.gridwatch.jobs.noise.logic;

/** The zh/en texts of NOISE_EXCEEDANCE revisions (docs/alerts.md#noise_exceedance). */
final class NoiseMessages {
    private NoiseMessages() {}

    static String exceedingZh(NoiseSensor s, double level, double limit, boolean burst) {
        return burst
                ? String.format(
                        "噪声传感器%s夜间突发噪声超过限值%.0f dB(A)逾15分贝（%s类区）", s.id(), limit, s.zoneClass())
                : String.format(
                        "噪声传感器%s 5分钟等效声级%.1f dB(A)持续超过%s类区限值%.0f dB(A)",
                        s.id(), level, s.zoneClass(), limit);
    }

    static String exceedingEn(NoiseSensor s, double level, double limit, boolean burst) {
        return burst
                ? String.format(
                        "Night-time noise burst at sensor %s: Lmax more than 15 dB over the class %s limit of %.0f dB(A)",
                        s.id(), s.zoneClass(), limit)
                : String.format(
                        "Sensor %s: 5-minute LAeq %.1f dB(A) stays over the class %s limit of %.0f dB(A)",
                        s.id(), level, s.zoneClass(), limit);
    }

    static String compliantZh(NoiseSensor s, double level, double limit) {
        return String.format("噪声传感器%s已恢复达标（LAeq %.1f dB(A)，限值%.0f）", s.id(), level, limit);
    }

    static String compliantEn(NoiseSensor s, double level, double limit) {
        return String.format(
                "Sensor %s back within the limit (LAeq %.1f dB(A), limit %.0f)",
                s.id(), level, limit);
    }

    static String silentZh(NoiseSensor s) {
        return "噪声传感器" + s.id() + "无数据，告警关闭";
    }

    static String silentEn(NoiseSensor s) {
        return "Sensor " + s.id() + " fell silent; alert closed";
    }
}
