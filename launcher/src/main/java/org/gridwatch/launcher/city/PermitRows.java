package org.gridwatch.launcher.city;

import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.LineString;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns permit rows into permits. Platforms list permits by plate and by site name more often than
 * by terminal id and site id, so a missing truck id is looked up by plate among the imported
 * trucks, and a missing site id by the site's name; the route is the row's own geometry or the
 * routes file's line for the permit id.
 */
final class PermitRows {
    private final Map<String, Truck> trucksById;
    private final Map<String, Truck> trucksByPlate;
    private final Map<String, List<Site>> sitesByName;
    private final Map<String, LineString> routes;

    PermitRows(List<Truck> trucks, List<Site> sites, Map<String, LineString> routes) {
        this.trucksById =
                trucks.stream()
                        .collect(
                                Collectors.toMap(Truck::truckId, Function.identity(), (a, b) -> a));
        this.trucksByPlate =
                trucks.stream()
                        .filter(t -> t.plate() != null)
                        .collect(
                                Collectors.toMap(
                                        t -> normalPlate(t.plate()),
                                        Function.identity(),
                                        (a, b) -> a,
                                        LinkedHashMap::new));
        this.sitesByName = sites.stream().collect(Collectors.groupingBy(Site::name));
        this.routes = routes;
    }

    Permit permit(InputRow r, LineString ownRoute) {
        String id = CityImporter.required(r, "permitId");
        String plate = r.get("plate");
        String truckId = r.get("truckId");
        if (truckId == null) {
            Truck byPlate = plate == null ? null : trucksByPlate.get(normalPlate(plate));
            if (byPlate == null) {
                throw new IllegalArgumentException(
                        plate == null
                                ? "no truckId (终端号) and no plate (车牌号)"
                                : "no truckId (终端号), and plate "
                                        + plate
                                        + " is not among the trucks imported");
            }
            truckId = byPlate.truckId();
        }
        // Write the plate as trucks.json has it, so that 沪A·D1234 and 沪AD1234 do not look like two
        // trucks.
        Truck truck = trucksById.get(truckId);
        if (truck != null
                && truck.plate() != null
                && (plate == null || normalPlate(plate).equals(normalPlate(truck.plate())))) {
            plate = truck.plate();
        }
        DailyWindow hours = Fields.window(r, "hours", "hoursFrom", "hoursTo", null);
        if (hours == null) {
            throw new IllegalArgumentException("no hours (准运时段, such as 20:00-06:00)");
        }
        LocalDate validFrom = Fields.date("validFrom", CityImporter.required(r, "validFrom"));
        LocalDate validTo = Fields.date("validTo", CityImporter.required(r, "validTo"));
        LineString route = ownRoute != null ? ownRoute : routes.get(id);
        if (route == null) {
            throw new IllegalArgumentException(
                    "no route: give a geometry column (WKT LineString) or a --routes file with this permit id");
        }
        Double speedLimit =
                r.has("speedLimitKmh")
                        ? Fields.number("speedLimitKmh", r.get("speedLimitKmh"))
                        : null;
        return new Permit(
                id,
                truckId,
                plate,
                validFrom,
                validTo,
                hours,
                site(r, "sourceSiteId", "sourceSiteName"),
                site(r, "disposalSiteId", "disposalSiteName"),
                route,
                speedLimit);
    }

    /** The site id column, else the one site with that name. */
    private String site(InputRow r, String idColumn, String nameColumn) {
        if (r.has(idColumn)) {
            return r.get(idColumn);
        }
        String name = r.get(nameColumn);
        if (name == null) {
            throw new IllegalArgumentException("no " + idColumn + " and no " + nameColumn);
        }
        List<Site> named = sitesByName.getOrDefault(name, List.of());
        if (named.size() != 1) {
            throw new IllegalArgumentException(
                    nameColumn
                            + " '"
                            + name
                            + "' names "
                            + (named.isEmpty() ? "no site" : named.size() + " sites")
                            + " among the sites imported");
        }
        return named.get(0).siteId();
    }

    /** Plates compare without spaces, dots and case (沪A·12345, 沪a12345). */
    static String normalPlate(String plate) {
        return plate.replaceAll("[\\s·.\\-]", "").toUpperCase(Locale.ROOT);
    }
}
