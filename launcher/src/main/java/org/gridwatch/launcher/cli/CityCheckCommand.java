package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.check.CityCheck;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.city.check.Problems;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./gridwatch city check DIR}: every problem of a city directory, one a line. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validates a city directory and lists every problem, one a line, with the",
            "file, the feature and the reason; errors first, then warnings. Exit code 0",
            "when there is no ERROR (warnings allowed), 1 when there is one, 2 when the",
            "directory cannot be read at all."
        })
public final class CityCheckCommand implements Callable<Integer> {
    static final int EXIT_ERRORS = 1;
    static final int EXIT_UNREADABLE = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "DIR",
            description = "The city directory (city.json, grids.geojson, ...).")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Problem> problems;
        try {
            problems = CityCheck.check(dir);
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("gridwatch city check: cannot read the city: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
        return report(problems, dir, out);
    }

    /** Prints the problems and a summary line; the exit code the problems call for. */
    static int report(List<Problem> problems, Path dir, PrintWriter out) {
        Problems.grouped(problems).forEach(p -> out.println(p.line()));
        boolean errors = Problems.hasErrors(problems);
        out.println(
                "city check "
                        + dir
                        + ": "
                        + Problems.summary(problems)
                        + (errors ? ": the city cannot be used as it is" : ": usable"));
        out.flush();
        return errors ? EXIT_ERRORS : 0;
    }
}
