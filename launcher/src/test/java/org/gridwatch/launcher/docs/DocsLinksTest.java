package org.gridwatch.launcher.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository is self-contained: no file cites a document that is not in it (the design and
 * domain notes GridWatch started from live outside the repository; what the code relies on is in
 * {@code docs/}), and every relative Markdown link points at a file, and where it names one, a
 * heading, that exists.
 *
 * <p>Walks the files git tracks (or, outside a git checkout, every file under the repository root
 * except build output), from the parent of the launcher module's base directory. No Flink, no
 * servers.
 */
class DocsLinksTest {
    /**
     * Citations of documents outside the repository. Joined at run time so that neither this file
     * nor its class file (where the compiler would fold {@code "a" + "b"}) cites them itself.
     */
    private static final List<String> OUTSIDE =
            List.of(
                    String.join("/", "..", "shared", ""),
                    String.join(".", "domain", "md"),
                    String.join(".", "design", "md"));

    /** Inline links and images {@code [text](target "title")}; the target is group 1. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    /** Reference definitions {@code [label]: target}. */
    private static final Pattern REFERENCE_LINK =
            Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    /**
     * A path of a document under docs/ from the repository root, with an optional heading anchor.
     */
    private static final Pattern ROOT_DOC =
            Pattern.compile("(?<![\\w./-])(docs/[\\w./-]*?\\.md)(?:#([\\w-]+))?");

    private static Path root;
    private static List<Path> files;

    @BeforeAll
    static void findRepository() throws Exception {
        Path module =
                Paths.get(System.getProperty("basedir", Paths.get("").toAbsolutePath().toString()))
                        .toAbsolutePath();
        root = module.getParent();
        assertThat(root.resolve("pom.xml")).as("repository root above %s", module).exists();
        files = trackedFiles(root);
        assertThat(files).as("files of the repository").isNotEmpty();
    }

    @Test
    void noFileCitesADocumentOutsideTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path rel : files) {
            String text = text(root.resolve(rel));
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String needle : OUTSIDE) {
                    if (lines[i].contains(needle)) {
                        problems.add(
                                rel
                                        + ":"
                                        + (i + 1)
                                        + " cites "
                                        + needle
                                        + " (not in the repository; cite docs/ instead)");
                    }
                }
            }
        }
        assertThat(problems).as("citations of documents outside the repository").isEmpty();
    }

    @Test
    void relativeMarkdownLinksPointAtExistingFilesAndHeadings() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        int checked = 0;
        for (Path rel : files) {
            if (!isCheckedMarkdown(rel)) {
                continue;
            }
            Path file = root.resolve(rel);
            List<String> targets = linkTargets(text(file));
            for (String target : targets) {
                if (isExternal(target)) {
                    continue;
                }
                checked++;
                int hash = target.indexOf('#');
                String pathPart = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved =
                        pathPart.isEmpty()
                                ? file
                                : file.getParent().resolve(decode(pathPart)).normalize();
                if (!resolved.startsWith(root)) {
                    problems.add(rel + ": link " + target + " leaves the repository");
                    continue;
                }
                if (!Files.exists(resolved)) {
                    problems.add(
                            rel
                                    + ": link "
                                    + target
                                    + " points at "
                                    + root.relativize(resolved)
                                    + ", which does not exist");
                    continue;
                }
                if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
                    Set<String> anchors =
                            anchorsByFile.computeIfAbsent(resolved, DocsLinksTest::anchors);
                    if (!anchors.contains(anchor.toLowerCase(Locale.ROOT))) {
                        problems.add(
                                rel
                                        + ": link "
                                        + target
                                        + " names a heading that "
                                        + root.relativize(resolved)
                                        + " does not have (headings: "
                                        + anchors
                                        + ")");
                    }
                }
            }
        }
        assertThat(problems).as("broken relative Markdown links").isEmpty();
        assertThat(checked)
                .as("relative links checked (the docs index alone has several)")
                .isGreaterThan(5);
    }

    /**
     * Code comments and other files name repository documents by their path from the root ({@code
     * docs/rules.md#noise}): each such path and heading must exist.
     */
    @Test
    void documentsNamedFromTheRootExist() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        int named = 0;
        for (Path rel : files) {
            String text = text(root.resolve(rel));
            if (text == null) {
                continue;
            }
            Matcher m = ROOT_DOC.matcher(text);
            while (m.find()) {
                named++;
                Path doc = root.resolve(m.group(1)).normalize();
                if (!Files.isRegularFile(doc)) {
                    problems.add(rel + ": names " + m.group() + ", which does not exist");
                } else if (m.group(2) != null) {
                    Set<String> anchors =
                            anchorsByFile.computeIfAbsent(doc, DocsLinksTest::anchors);
                    if (!anchors.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                        problems.add(
                                rel
                                        + ": names "
                                        + m.group()
                                        + ", a heading "
                                        + m.group(1)
                                        + " does not have (headings: "
                                        + anchors
                                        + ")");
                    }
                }
            }
        }
        assertThat(problems).as("repository documents named by path").isEmpty();
        assertThat(named).as("paths of docs/ named in the code").isGreaterThan(10);
    }

    /** README.md, docs/**&#47;*.md and every README.md under jobs/. */
    private static boolean isCheckedMarkdown(Path rel) {
        String p = rel.toString().replace('\\', '/');
        return p.equals("README.md")
                || (p.startsWith("docs/") && p.endsWith(".md"))
                || (p.startsWith("jobs/") && p.endsWith("/README.md"));
    }

    private static boolean isExternal(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return t.startsWith("http:")
                || t.startsWith("https:")
                || t.startsWith("mailto:")
                || t.startsWith("ftp:")
                || t.startsWith("//");
    }

    private static String decode(String path) {
        return path.replace("%20", " ");
    }

    /** Link targets of a Markdown text, outside fenced code blocks and inline code. */
    static List<String> linkTargets(String markdown) {
        List<String> out = new ArrayList<>();
        if (markdown == null) {
            return out;
        }
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String plain = INLINE_CODE.matcher(line).replaceAll("");
            Matcher m = INLINE_LINK.matcher(plain);
            while (m.find()) {
                out.add(m.group(1));
            }
            Matcher r = REFERENCE_LINK.matcher(plain);
            if (r.matches()) {
                out.add(r.group(1));
            }
        }
        return out;
    }

    /** The anchors GitHub gives a Markdown file's headings. */
    private static Set<String> anchors(Path markdownFile) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String text = text(markdownFile);
        if (text == null) {
            return out;
        }
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (fenced || !h.matches()) {
                continue;
            }
            String slug = slug(h.group(1));
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return out;
    }

    /**
     * GitHub's heading slug: lower case, punctuation dropped (letters, digits, '-', '_' kept),
     * spaces to '-'.
     */
    static String slug(String heading) {
        String plain = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
        StringBuilder sb = new StringBuilder();
        plain.toLowerCase(Locale.ROOT)
                .codePoints()
                .forEach(
                        c -> {
                            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                                sb.appendCodePoint(c);
                            } else if (c == ' ') {
                                sb.append('-');
                            }
                        });
        return sb.toString();
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(slug("JT/T 808")).isEqualTo("jtt-808");
        assertThat(slug("Complaints and cases (`ComplaintSim`)"))
                .isEqualTo("complaints-and-cases-complaintsim");
        assertThat(slug("TRUCK_ROUTE_DEVIATION")).isEqualTo("truck_route_deviation");
        assertThat(
                        linkTargets(
                                "see [a](x.md#y) and `[b](not-a-link.md)`\n```\n[c](in-code.md)\n```\n[d]: ref.md"))
                .containsExactly("x.md#y", "ref.md");
    }

    /**
     * The file's text, or null when it is not UTF-8 text (an image, an archive, a zip of a server).
     */
    private static String text(Path file) {
        try {
            if (Files.size(file) > 5_000_000) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                if (bytes[i] == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Files git tracks under {@code root}, relative to it; every non-build file when git cannot
     * say.
     */
    private static List<Path> trackedFiles(Path root) throws IOException, InterruptedException {
        try {
            Process git =
                    new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            byte[] out;
            try (InputStream in = git.getInputStream()) {
                out = in.readAllBytes();
            }
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                List<Path> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!name.isEmpty() && Files.isRegularFile(root.resolve(name))) {
                        files.add(Paths.get(name));
                    }
                }
                return files;
            }
        } catch (IOException e) {
            // no git on this machine: walk the tree instead
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(
                            p -> {
                                String s = p.toString().replace('\\', '/');
                                return !(s.startsWith(".git/")
                                        || s.equals(".git")
                                        || s.contains("/target/")
                                        || s.startsWith("target/")
                                        || s.startsWith(".gridwatch/")
                                        || s.contains("/node_modules/"));
                            })
                    .toList();
        }
    }
}
