package dev.visionstream.models.counting.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The licence of a packaged file, from the package's machine-readable {@code debian/copyright} (DEP-5). Its
 * {@code Files:} patterns name paths of the source tree, which the package installs under some prefix and sometimes
 * without the source's folders, so a pattern matches an installed path when it matches a whole-component suffix of
 * it, or when its last component, if not wildcards alone, matches the file name; as DEP-5 says, the last matching
 * paragraph wins.
 */
public final class DebianCopyright {
    private record Paragraph(List<Pattern> paths, List<Pattern> names, String licence) {
        boolean matches(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            return paths.stream().anyMatch(p -> p.matcher(path).matches())
                    || names.stream().anyMatch(p -> p.matcher(name).matches());
        }
    }

    private final String pkg;
    private final List<Paragraph> paragraphs;

    private DebianCopyright(String pkg, List<Paragraph> paragraphs) {
        this.pkg = pkg;
        this.paragraphs = paragraphs;
    }

    /** Reads {@code <packageRoot>/usr/share/doc/<pkg>/copyright}. */
    public static DebianCopyright read(Path packageRoot, String pkg) {
        Path file = packageRoot.resolve("usr/share/doc").resolve(pkg).resolve("copyright");
        try {
            return parse(pkg, Files.readString(file));
        } catch (IOException e) {
            throw new ManifestException("cannot read the copyright file of " + pkg + " at " + file, e);
        }
    }

    static DebianCopyright parse(String pkg, String text) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            List<String> files = new ArrayList<>();
            String licence = null;
            boolean inFiles = false;
            for (String line : block.split("\\n")) {
                boolean continuation = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
                if (continuation) {
                    if (inFiles) {
                        files.addAll(words(line));
                    }
                    continue;
                }
                inFiles = line.startsWith("Files:");
                if (inFiles) {
                    files.addAll(words(line.substring("Files:".length())));
                } else if (line.startsWith("License:")) {
                    licence = line.substring("License:".length()).trim();
                }
            }
            if (!files.isEmpty() && licence != null && !licence.isEmpty()) {
                List<Pattern> names = files.stream().map(f -> f.substring(f.lastIndexOf('/') + 1))
                        .filter(n -> !n.replace("*", "").replace("?", "").isEmpty())
                        .map(n -> glob("", n)).toList();
                paragraphs.add(new Paragraph(files.stream().map(f -> glob("(?:.*/)?", f)).toList(), names, licence));
            }
        }
        return new DebianCopyright(pkg, paragraphs);
    }

    /** The licence of an installed file, e.g. {@code usr/share/backgrounds/mate/nature/Aqua.jpg}. */
    public String licenceOf(String installedPath) {
        String path = installedPath.startsWith("./") ? installedPath.substring(2) : installedPath;
        String licence = null;
        for (Paragraph p : paragraphs) {
            if (p.matches(path)) {
                licence = p.licence();
            }
        }
        if (licence == null) {
            throw new ManifestException("the copyright file of " + pkg + " gives no licence for " + installedPath);
        }
        return licence;
    }

    private static List<String> words(String s) {
        return List.of(s.trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
    }

    /** A DEP-5 glob ({@code *} any characters including '/', {@code ?} one) after the regex {@code prefix}. */
    private static Pattern glob(String prefix, String glob) {
        StringBuilder regex = new StringBuilder(prefix);
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
