package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shops.ndjson}, next to {@code truth.ndjson}: the simulator's own count of each shop's
 * file, one shop with any record a line, {@code
 * {"shopId":"S00042","violationRecords":3,"records":{"CROSS_DOOR":2,"OUTSIDE_BUSINESS":1},
 * "inspections":2,"complaints":1,"closures":1}}, sorted by shop id.
 */
public final class ShopFiles {
    private ShopFiles() {}

    public static void write(List<ShopCount> shops, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ShopCount s : shops) {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("shopId", s.shopId());
                n.put("violationRecords", s.violationRecords());
                ObjectNode rec = n.putObject("records");
                new java.util.TreeMap<>(s.records()).forEach(rec::put);
                n.put("inspections", s.inspections());
                n.put("complaints", s.complaints());
                n.put("closures", s.closures());
                w.write(n.toString());
                w.write('\n');
            }
        }
    }
}
