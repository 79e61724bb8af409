package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The pages and their scripts from {@code console-ui/} and the vendored Leaflet and ECharts from
 * their webjars.
 */
final class StaticFiles {
    // the versions are set once, in the parent pom; each webjar records its own in pom.properties
    private static final String LEAFLET = webjarVersion("org.webjars.npm", "leaflet");
    private static final String ECHARTS = webjarVersion("org.webjars", "echarts");

    private StaticFiles() {}

    /** The webjar's version, or null when it is not on the classpath (its files are then 404). */
    private static String webjarVersion(String groupId, String artifactId) {
        String file = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = StaticFiles.class.getResourceAsStream(file)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int serve(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            return Exchanges.error(ex, 405, "method not allowed");
        }
        String resource;
        if (path.equals("/") || path.equals("/index.html")) {
            resource = "/console-ui/index.html";
        } else if (path.startsWith("/vendor/leaflet/")) {
            resource =
                    "/META-INF/resources/webjars/leaflet/"
                            + LEAFLET
                            + "/dist/"
                            + path.substring("/vendor/leaflet/".length());
        } else if (path.equals("/vendor/echarts/echarts.min.js")) {
            resource = "/META-INF/resources/webjars/echarts/" + ECHARTS + "/echarts.min.js";
        } else {
            resource = "/console-ui" + path;
        }
        if (resource.contains("..") || resource.contains("//")) {
            return Exchanges.error(ex, 404, "not found");
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Exchanges.error(ex, 404, "not found");
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            // the vendored libraries do not change within a version; the console's own files are
            // checked each time
            ex.getResponseHeaders()
                    .set(
                            "Cache-Control",
                            path.startsWith("/vendor/") ? "max-age=3600" : "no-cache");
            return Exchanges.send(
                    ex,
                    200,
                    Exchanges.TYPES.getOrDefault(ext, "application/octet-stream"),
                    in.readAllBytes());
        }
    }
}
