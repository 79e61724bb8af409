package org.gridwatch.jobs.cases.logic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The matter categories a case can have (docs/rules.md#categories-and-time-limits): the five
 * classic large classes of digital city management (市容环境, 宣传广告, 施工管理, 街面秩序, 突发事件) and the items
 * GridWatch sees most, with GB/T 47678.5-style 5-digit codes, Chinese and English names and the
 * default handling time limit in working minutes (same page: stalls and rubbish in working hours,
 * structures in working days of 8 working hours). A code not listed is kept as-is with the fallback
 * limit.
 */
public final class CaseCategories {
    /** One category: its code, class and item names, and default limit in working minutes. */
    public record Category(
            String code,
            String classZh,
            String classEn,
            String nameZh,
            String nameEn,
            int defaultLimitMinutes) {}

    /** Limit for a code nobody listed: one working day. */
    public static final int FALLBACK_LIMIT_MINUTES = 480;

    private static final Map<String, Category> BY_CODE = new LinkedHashMap<>();

    static {
        add("06001", "市容环境", "City appearance", "私搭乱建", "Illegal structure", 7 * 480);
        add("06010", "市容环境", "City appearance", "暴露垃圾", "Exposed rubbish", 240);
        add("06011", "市容环境", "City appearance", "积存垃圾渣土", "Accumulated rubbish or muck", 2 * 480);
        add("06012", "市容环境", "City appearance", "道路不洁", "Dirty road", 120);
        add("06028", "市容环境", "City appearance", "噪声扰民", "Noise nuisance", 240);
        add("06029", "市容环境", "City appearance", "露天烧烤", "Open-air barbecue", 120);
        // Item code of the advertising class is an assumption (the class is 07; its item table was
        // not retrieved).
        add("07001", "宣传广告", "Advertising", "乱张贴小广告", "Illegal flyers and posters", 240);
        add("08001", "施工管理", "Construction", "施工扰民", "Construction nuisance", 480);
        add("08004", "施工管理", "Construction", "工地扬尘", "Construction dust", 480);
        add("09001", "街面秩序", "Street order", "无照经营游商", "Unlicensed hawker", 120);
        add("09005", "街面秩序", "Street order", "店外经营", "Business outside the shop", 240);
        add("09006", "街面秩序", "Street order", "占道经营", "Street stall on the road", 120);
        add("09009", "街面秩序", "Street order", "机动车乱停放", "Illegal car parking", 120);
        add("09010", "街面秩序", "Street order", "非机动车乱停放", "Illegal bicycle parking", 120);
        // 突发事件 (emergencies): item code assumed, as above.
        add("10001", "突发事件", "Emergency", "突发事件", "Emergency", 60);
    }

    private CaseCategories() {}

    private static void add(
            String code, String classZh, String classEn, String nameZh, String nameEn, int limit) {
        BY_CODE.put(code, new Category(code, classZh, classEn, nameZh, nameEn, limit));
    }

    /**
     * The category of a code; an unknown code becomes a category of its own with the fallback
     * limit.
     */
    public static Category of(String code) {
        Category c = BY_CODE.get(code);
        if (c != null) {
            return c;
        }
        String safe = code == null ? "unknown" : code;
        return new Category(safe, "其他", "Other", safe, safe, FALLBACK_LIMIT_MINUTES);
    }

    public static Map<String, Category> all() {
        return Map.copyOf(BY_CODE);
    }
}
