package dev.portwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the documentation readable and whole: README.md stays short enough to read in minutes, and no relative
 * link of README.md, docs/*.md or grafana/README.md leads to a missing file or heading.
 */
class DocsTest {

    /** The README is the newcomer's page; the references live in docs/. */
    static final long README_LIMIT_BYTES = 14 * 1024;

    private static final Path ROOT = repositoryRoot();

    @Test
    void theReadmeStaysUnder14Kilobytes() throws IOException {
        long size = Files.size(ROOT.resolve("README.md"));
        assertTrue(size < README_LIMIT_BYTES, "README.md is " + size + " bytes; keep it under " + README_LIMIT_BYTES
                + " and move reference material to docs/");
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
        MarkdownLinks links = new MarkdownLinks(ROOT);
        List<Path> documents = documents();
        assertTrue(documents.size() >= 6, "documents found: " + documents);
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            broken.addAll(links.brokenLinks(document));
        }
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void aMissingFileOrAnchorIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other\n\n## Caps and `limits`\n\n## Caps and `limits`\n");
        Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "[ok](other.md#caps-and-limits) [repeat](other.md#caps-and-limits-1) [self](#title)",
                "# Title",
                "[gone](missing.md) [no anchor](other.md#nothing) [up](../../etc/passwd) [web](https://example.org/x)",
                "```",
                "[in code](missing-in-code.md)",
                "```",
                "`[inline](missing-inline.md)`"));
        assertEquals(List.of(
                "README.md: missing.md (no such file)",
                "README.md: other.md#nothing (no such anchor)",
                "README.md: ../../etc/passwd (outside the repository)"),
                new MarkdownLinks(dir).brokenLinks(readme));
    }

    @Test
    void anchorsAreNamedAsGitHubNamesThem() {
        assertEquals(Set.of("scrape-and-table-at-10000-open-connections", "the-kernels-view", "connectionsjson",
                "connection-close-and-keep-alive-p99-the-gc"), MarkdownLinks.anchorsOf(String.join("\n",
                "## Scrape and table at 10,000 open connections",
                "## The kernel's view",
                "### `/connections.json`",
                "### `Connection: close` and keep-alive p99: the GC")));
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("grafana/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    private static Path repositoryRoot() {
        String root = System.getProperty("portwatch.repository.root");
        if (root == null) {
            throw new IllegalStateException("system property portwatch.repository.root is not set (agent/pom.xml "
                    + "sets it for surefire)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }
}
