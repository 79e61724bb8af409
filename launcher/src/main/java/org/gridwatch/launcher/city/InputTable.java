package org.gridwatch.launcher.city;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of file {@code city import} reads, and the columns of each: the English name (the same
 * as the property in the city directory's files) and the aliases accepted for it, among them the
 * Chinese headers city platforms export. Matching ignores case, spaces, underscores and dashes, so
 * {@code grid_code}, {@code Grid Code} and {@code gridCode} are one column.
 */
public enum InputTable {
    GRIDS(
            columns(
                    "gridCode", "code|网格编码|网格编号|网格代码|单元网格编码|单元网格编号",
                    "gridName", "网格名称|单元网格名称",
                    "districtCode", "区县编码|区编码|行政区划代码|区县代码",
                    "districtName", "district|区县|区县名称|所属区县|所属区",
                    "streetCode", "街道编码|街镇编码|街道代码",
                    "streetName", "street|街道|街道名称|所属街道|所属街镇",
                    "communityCode", "社区编码|居委编码|社区代码",
                    "communityName", "community|社区|社区名称|所属社区|所属居委",
                    "dutyStart", "巡查开始|值守开始",
                    "dutyEnd", "巡查结束|值守结束",
                    "duty", "巡查时段|值守时段",
                    "maxGapMinutes", "最长间隔分钟|巡查间隔分钟")),
    SITES(
            columns(
                    "siteId", "id|code|编号|场地编号|工地编号|消纳场编号",
                    "kind", "type|类型|场地类型",
                    "name", "名称|场地名称",
                    // A name column headed for one kind of site also says the kind, when there is
                    // no kind column.
                    "constructionSiteName", "工地名称",
                    "disposalSiteName", "消纳场名称")),
    ZONES(
            columns(
                    "zoneId", "id|code|编号|区域编号",
                    "kind", "type|类型|区域类型",
                    "name", "名称|区域名称",
                    "closedFrom", "禁行开始",
                    "closedTo", "禁行结束",
                    "closedHours", "禁行时段",
                    "noiseClass", "声环境功能区类别|功能区类别|噪声功能区类别")),
    ROUTES(columns("permitId", "许可证号|准运证号|核准证号|证号")),
    TRUCKS(
            columns(
                    "truckId", "terminalId|终端号|终端编号|终端ID|设备号",
                    "plate", "车牌号|车牌号码|车牌",
                    "company", "运输单位|运输企业|所属公司|所属企业")),
    OFFICERS(
            columns(
                    "officerId", "id|工号|人员编号|编号",
                    "name", "姓名",
                    "districtName", "区县|所属区县|所属区",
                    "gridCodes", "负责网格|责任网格|网格编码",
                    "shiftStart", "班次开始|上班时间",
                    "shiftEnd", "班次结束|下班时间",
                    "shift", "班次|班次时段")),
    PERMITS(
            columns(
                    "permitId", "许可证号|准运证号|核准证号|证号",
                    "truckId", "terminalId|终端号|终端编号|终端ID",
                    "plate", "车牌号|车牌号码|车牌",
                    "validFrom", "有效期起|有效期开始|有效开始日期",
                    "validTo", "有效期止|有效期结束|有效截止日期",
                    "hours", "准运时段|运输时段",
                    "hoursFrom", "准运开始|运输开始",
                    "hoursTo", "准运结束|运输结束",
                    "sourceSiteId", "工地编号|出土工地编号",
                    "sourceSiteName", "工地名称|出土工地",
                    "disposalSiteId", "消纳场编号",
                    "disposalSiteName", "消纳场名称|消纳场",
                    "speedLimitKmh", "限速")),
    DEVICES(
            columns(
                    "deviceId", "id|设备编号|设备编码",
                    "kind", "type|设备类型|类型",
                    "lat", "latitude|纬度",
                    "lon", "lng|longitude|经度",
                    "spotId", "点位编号",
                    "gridCode", "网格编码|所属网格",
                    "noiseClass", "声环境功能区类别|功能区类别")),
    ADDRESSES(
            columns(
                    "addressId", "id|地址编码|地址编号|门牌编码|门牌编号|编号",
                    "address", "地址|门牌地址|标准地址|详细地址|地址名称",
                    "lat", "latitude|纬度",
                    "lon", "lng|longitude|经度",
                    "gridCode", "网格编码|所属网格")),
    /**
     * Shops on file (一店一档): the frontage is a WKT or GeoJSON Point or LineString, or a lon/lat pair
     * for a point.
     */
    SHOPS(
            columns(
                    "shopId", "id|店铺编号|门店编号|商户编号|编号",
                    "name", "店名|店招名称|店铺名称|门店名称|名称",
                    "licence", "license|licenceNo|统一社会信用代码|信用代码|营业执照号|营业执照注册号|执照号",
                    "address", "地址|门牌地址|经营地址|详细地址",
                    "category", "行业|经营类别|行业类别|业态",
                    "gridCode", "网格|网格编码|所属网格",
                    "lat", "latitude|纬度",
                    "lon", "lng|longitude|经度"));

    /** The geometry column of CSV files (WKT text), in every table that has a shape. */
    public static final String GEOMETRY = "geometry";

    private static final List<String> GEOMETRY_ALIASES =
            List.of(
                    "geometry",
                    "wkt",
                    "geom",
                    "the_geom",
                    "shape",
                    "几何",
                    "空间范围",
                    "边界",
                    "坐标",
                    "门面",
                    "线路",
                    "路线");

    private final Map<String, List<String>> columns;

    InputTable(Map<String, List<String>> columns) {
        this.columns = columns;
    }

    /** Column name to its aliases, in documentation order. */
    public Map<String, List<String>> columns() {
        return columns;
    }

    public boolean hasGeometry() {
        return this == GRIDS
                || this == SITES
                || this == ZONES
                || this == ROUTES
                || this == PERMITS
                || this == SHOPS;
    }

    /** The column a header names, or null when it names none of this table's columns. */
    public String columnOf(String header) {
        String key = key(header);
        if (hasGeometry() && GEOMETRY_ALIASES.stream().anyMatch(a -> key(a).equals(key))) {
            return GEOMETRY;
        }
        for (Map.Entry<String, List<String>> c : columns.entrySet()) {
            if (key(c.getKey()).equals(key)
                    || c.getValue().stream().anyMatch(a -> key(a).equals(key))) {
                return c.getKey();
            }
        }
        return null;
    }

    /** Headers compare without case, spaces, underscores, dashes and a byte order mark. */
    static String key(String header) {
        return header.replace("\uFEFF", "").replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> columns(String... nameThenAliases) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenAliases.length; i += 2) {
            m.put(nameThenAliases[i], List.of(nameThenAliases[i + 1].split("\\|")));
        }
        return m;
    }
}
