package org.gridwatch.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Set;

import static org.gridwatch.console.Exchanges.error;
import static org.gridwatch.console.Exchanges.json;
import static org.gridwatch.console.Exchanges.requireMethod;

/**
 * {@code GET /api/shops?q=} and {@code GET /api/shops/{shopId}}: the shop search and the shop's
 * file (一店一档) of the console's shops tab.
 */
final class ShopEndpoints implements ApiEndpoints {
    /** The longest search text, in characters. */
    static final int MAX_QUERY = 100;

    private static final String PREFIX = "/api/shops/";

    private final ShopReader shops;

    ShopEndpoints(EsReader es) {
        this.shops = new ShopReader(es);
    }

    @Override
    public int answer(HttpExchange ex, String path) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if (path.equals("/api/shops")) {
            requireMethod(ex.getRequestMethod(), "GET");
            String q = Params.parse(query, Set.of("q")).text("q", MAX_QUERY);
            if (q == null) {
                throw new BadRequest(
                        "parameter 'q' is required: a shop's name, address, licence or id");
            }
            return json(ex, 200, shops.search(q));
        }
        if (!path.startsWith(PREFIX)) {
            return NOT_MINE;
        }
        String id = Params.shopId(path.substring(PREFIX.length()));
        requireMethod(ex.getRequestMethod(), "GET");
        Params.parse(query, Set.of());
        ObjectNode file = shops.file(id);
        return file == null ? error(ex, 404, "no shop with id '" + id + "'") : json(ex, 200, file);
    }
}
