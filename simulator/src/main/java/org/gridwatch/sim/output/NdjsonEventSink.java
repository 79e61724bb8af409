package org.gridwatch.sim.output;

import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.SimEvent;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one NDJSON file per topic ({@code <dir>/<topic>.ndjson}), one event per line, in emission
 * order.
 */
public final class NdjsonEventSink implements EventSink {
    private final Path dir;
    private final Map<String, OutputStream> files = new HashMap<>();

    public NdjsonEventSink(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void accept(SimEvent e) throws IOException {
        OutputStream out = files.get(e.topic());
        if (out == null) {
            out =
                    new BufferedOutputStream(
                            Files.newOutputStream(dir.resolve(e.topic() + ".ndjson")), 1 << 16);
            files.put(e.topic(), out);
        }
        out.write(e.value());
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        for (OutputStream out : files.values()) {
            out.close();
        }
        files.clear();
    }
}
