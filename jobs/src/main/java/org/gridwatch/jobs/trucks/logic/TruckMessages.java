package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Zone;

import java.util.Locale;

/**
 * The Chinese and English texts of the truck alerts (operators read the first, integrators the
 * second).
 */
public final class TruckMessages {
    private TruckMessages() {}

    static String deviationZh(String truck, double distanceM, double corridorM) {
        return f("渣土车%s偏离核准路线%.0f米（走廊%.0f米）", truck, distanceM, corridorM);
    }

    static String deviationEn(String truck, double distanceM, double corridorM) {
        return f(
                "Muck truck %s is %.0f m off its approved route (corridor %.0f m)",
                truck, distanceM, corridorM);
    }

    static String deviationEndZh(String truck, String why) {
        return f("渣土车%s路线偏移结束：%s", truck, why);
    }

    static String deviationEndEn(String truck, String why) {
        return f("Muck truck %s route deviation over: %s", truck, why);
    }

    static String offHoursZh(String truck, Permit p) {
        return f("渣土车%s在准运时段（%s）外行驶，准运证%s", truck, p.hours(), p.permitId());
    }

    static String offHoursEn(String truck, Permit p) {
        return f(
                "Muck truck %s is moving outside its permitted hours (%s), permit %s",
                truck, p.hours(), p.permitId());
    }

    static String noPermitZh(String truck) {
        return f("渣土车%s无有效准运证行驶（擅自承运）", truck);
    }

    static String noPermitEn(String truck) {
        return f("Muck truck %s is moving without a valid transport permit", truck);
    }

    static String zoneZh(String truck, Zone z) {
        return f(
                "渣土车%s驶入禁行区“%s”（禁行时段%s）",
                truck, z.name(), z.closedHours() == null ? "全天" : z.closedHours());
    }

    static String zoneEn(String truck, Zone z) {
        return f(
                "Muck truck %s entered prohibited zone %s (closed %s)",
                truck, z.zoneId(), z.closedHours() == null ? "all day" : z.closedHours());
    }

    static String overspeedZh(String truck, double kmh, double limit) {
        return f("渣土车%s超速行驶：%.0f km/h（限速%.0f km/h）", truck, kmh, limit);
    }

    static String overspeedEn(String truck, double kmh, double limit) {
        return f("Muck truck %s speeding: %.0f km/h (limit %.0f km/h)", truck, kmh, limit);
    }

    static String signalLostZh(String truck, long minutes) {
        return f("渣土车%s运输途中信号中断已%d分钟", truck, minutes);
    }

    static String signalLostEn(String truck, long minutes) {
        return f("Muck truck %s went silent mid-trip %d min ago", truck, minutes);
    }

    static String signalBackZh(String truck, long minutes) {
        return f("渣土车%s信号恢复（中断%d分钟）", truck, minutes);
    }

    static String signalBackEn(String truck, long minutes) {
        return f("Muck truck %s is reporting again after %d min of silence", truck, minutes);
    }

    public static String dumpingZh(String truck, long minutes, boolean strong) {
        return f("渣土车%s在核准场地外停留%d分钟，疑似偷倒%s", truck, minutes, strong ? "（车厢举升/载重由满变空）" : "");
    }

    public static String dumpingEn(String truck, long minutes, boolean strong) {
        return f(
                "Muck truck %s stopped %d min outside every approved site: suspected illegal dumping%s",
                truck, minutes, strong ? " (cargo box lifted / load full to empty)" : "");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
