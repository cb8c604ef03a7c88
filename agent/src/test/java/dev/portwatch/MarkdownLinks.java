package dev.portwatch;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files and whether they lead anywhere: to a file or directory that exists, and to
 * a heading (as GitHub names its anchors) or an explicit {@code <a id>} of that file. Links to other sites are not
 * followed; links inside code are not links.
 */
final class MarkdownLinks {

    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION =
            Pattern.compile("(?m)^ {0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+).*");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:(?!\\1).)+\\1");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every relative link of {@code file} that leads nowhere, as {@code file: target (why)}. */
    List<String> brokenLinks(Path file) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String target : targets(Files.readString(file))) {
            String problem = problem(file, target);
            if (problem != null) {
                broken.add(root.relativize(file.toAbsolutePath().normalize()) + ": " + target + " (" + problem + ")");
            }
        }
        return broken;
    }

    private String problem(Path file, String target) throws IOException {
        if (SCHEME.matcher(target).matches()) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        Path resolved = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        String anchor = URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        if (!resolved.toString().endsWith(".md") || !anchors(resolved).contains(anchor)) {
            return "no such anchor";
        }
        return null;
    }

    /** The link targets of a Markdown text, leaving out fenced code blocks and inline code. */
    static List<String> targets(String markdown) {
        String prose = INLINE_CODE.matcher(String.join("\n", proseLines(markdown))).replaceAll("");
        List<String> targets = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
            Matcher matcher = pattern.matcher(prose);
            while (matcher.find()) {
                targets.add(matcher.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a Markdown file's headings ({@code -1}, {@code -2} for repeats), and its own. */
    static Set<String> anchorsOf(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    /** GitHub's rule: the heading's text in lower case, without punctuation, spaces turned into hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{Mn}_ -]", "").replace(' ', '-');
    }

    private Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = anchorsByFile.get(file);
        if (anchors == null) {
            anchors = anchorsOf(Files.readString(file));
            anchorsByFile.put(file, anchors);
        }
        return anchors;
    }

    private static List<String> proseLines(String markdown) {
        List<String> prose = new ArrayList<>();
        String openFence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher fence = FENCE.matcher(line);
            if (openFence == null && fence.matches()) {
                openFence = fence.group(1);
            } else if (openFence != null && line.trim().startsWith(openFence)) {
                openFence = null;
            } else if (openFence == null) {
                prose.add(line);
            }
        }
        return prose;
    }
}
