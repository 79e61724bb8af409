package org.gridwatch.common.city.check;

import org.gridwatch.common.city.check.Problem.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects problems while a check runs; {@link #at} binds the file and subject so checks only say
 * what is wrong.
 */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    /**
     * Where the next problems are: one file, one feature, entry or row (or null for the whole
     * file).
     */
    public final class At {
        private final String file;
        private final String subject;

        private At(String file, String subject) {
            this.file = file;
            this.subject = subject;
        }

        public void error(String message) {
            add(new Problem(Severity.ERROR, file, subject, message));
        }

        public void warning(String message) {
            add(new Problem(Severity.WARNING, file, subject, message));
        }
    }

    public At at(String file, String subject) {
        return new At(file, subject);
    }

    public void add(Problem p) {
        list.add(p);
    }

    public void addAll(List<Problem> problems) {
        list.addAll(problems);
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }

    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    /**
     * Errors first, then warnings; within each, grouped by file in the order the files were first
     * reported, and in the order found inside a file (which is file order, then cross-checks).
     */
    public static List<Problem> grouped(List<Problem> problems) {
        List<String> fileOrder = problems.stream().map(Problem::file).distinct().toList();
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(
                Comparator.comparing(Problem::severity)
                        .thenComparing(p -> fileOrder.indexOf(p.file())));
        return sorted;
    }

    /** {@code 2 errors, 1 warning}. */
    public static String summary(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        return errors
                + (errors == 1 ? " error, " : " errors, ")
                + warnings
                + (warnings == 1 ? " warning" : " warnings");
    }
}
