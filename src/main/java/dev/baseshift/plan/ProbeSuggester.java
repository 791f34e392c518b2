package dev.baseshift.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggests probes from a project's declared dependencies: each Python requirement becomes
 * {@code python3 -c "import X"} (X mapped for packages whose import name differs, e.g. scikit-learn → sklearn), each
 * Node dependency {@code node -e "require('x')"}. {@code python3} because every Python image has it: the official
 * images have both python and python3, Debian's and distroless' only python3.
 */
public final class ProbeSuggester {
    private static final Pattern REQUIREMENT_NAME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern TOML_KEY = Pattern.compile("^\\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.-]+)\\s*=");
    private static final Pattern TOML_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");
    private static final Map<String, String> IMPORT_NAMES = loadImportNames();

    private ProbeSuggester() {}

    /** Probes for the project's dependencies, Python first, in the order they are declared; never throws. */
    public static List<Probe> suggest(Path projectDir) {
        List<Probe> probes = new ArrayList<>();
        Set<String> modules = new LinkedHashSet<>();
        for (String pkg : pythonPackages(projectDir)) {
            String module = importName(pkg);
            if (!module.isEmpty()) modules.add(module);
        }
        for (String module : modules) {
            probes.add(new Probe("import " + module, List.of("python3", "-c", "import " + module), "suggested", true));
        }
        for (String pkg : nodePackages(projectDir)) {
            probes.add(new Probe("require " + pkg, List.of("node", "-e", "require('" + pkg + "')"), "suggested", true));
        }
        return probes;
    }

    /** The module a Python distribution is imported as; empty when there is nothing to import. */
    public static String importName(String distribution) {
        String key = normalize(distribution);
        String mapped = IMPORT_NAMES.get(key);
        if (mapped != null) return mapped;
        return distribution.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** PEP 503 normalization: lower case, runs of '-', '_', '.' become one '-'. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    static List<String> pythonPackages(Path dir) {
        Set<String> out = new LinkedHashSet<>();
        for (Path f : requirementFiles(dir)) out.addAll(parseRequirements(read(f)));
        Path pyproject = dir.resolve("pyproject.toml");
        if (Files.isRegularFile(pyproject)) out.addAll(parsePyproject(read(pyproject)));
        return new ArrayList<>(out);
    }

    private static List<Path> requirementFiles(Path dir) {
        // requirements.txt first, then the others in name order, skipping test/dev ones the image does not ship
        Set<Path> files = new TreeSet<>((a, b) -> {
            boolean am = a.getFileName().toString().equals("requirements.txt");
            boolean bm = b.getFileName().toString().equals("requirements.txt");
            return am != bm ? (am ? -1 : 1) : a.toString().compareTo(b.toString());
        });
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "requirements*.txt")) {
            for (Path p : s) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && !n.matches(".*[-_.](dev|test|tests|lint|docs|ci)\\.txt")) files.add(p);
            }
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(files);
    }

    /** Names from a pip requirements file: comments, options (-r, -e, --index-url …), URLs and versions dropped. */
    static List<String> parseRequirements(String text) {
        List<String> names = new ArrayList<>();
        String joined = text.replaceAll("\\\\\\r?\\n", " ");
        for (String raw : joined.split("\\r?\\n")) {
            String line = raw.replaceFirst("(^|\\s)#.*$", "").trim();
            if (line.isEmpty() || line.startsWith("-") || line.contains("://") && !line.contains("@")) continue;
            Matcher m = REQUIREMENT_NAME.matcher(line);
            if (m.find()) names.add(m.group(1));
        }
        return names;
    }

    /** {@code [project] dependencies} and {@code [tool.poetry.dependencies]} (without python itself). */
    static List<String> parsePyproject(String text) {
        List<String> names = new ArrayList<>();
        String table = "";
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = stripTomlComment(lines[i]).trim();
            if (line.startsWith("[")) {
                table = line.replaceAll("[\\[\\]\\s\"]", "");
                continue;
            }
            if (table.equals("project") && line.matches("dependencies\\s*=.*")) {
                StringBuilder array = new StringBuilder(line.substring(line.indexOf('=') + 1));
                while (!closesArray(array) && i + 1 < lines.length) array.append('\n').append(stripTomlComment(lines[++i]));
                Matcher m = TOML_STRING.matcher(array);
                while (m.find()) {
                    String spec = m.group(1) != null ? m.group(1) : m.group(2);
                    Matcher n = REQUIREMENT_NAME.matcher(spec.trim());
                    if (n.find()) names.add(n.group(1));
                }
            } else if (table.equals("tool.poetry.dependencies")) {
                Matcher k = TOML_KEY.matcher(line);
                if (k.find()) {
                    String key = k.group(1).replaceAll("^[\"']|[\"']$", "");
                    if (!key.equalsIgnoreCase("python")) names.add(key);
                }
            }
        }
        return names;
    }

    private static boolean closesArray(CharSequence s) {
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\' && quote == '"') i++;
                else if (c == quote) inString = false;
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return true;
            }
        }
        return false;
    }

    private static String stripTomlComment(String line) {
        boolean inString = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == quote) inString = false;
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Runtime dependencies of package.json (devDependencies are not in the image); type stubs skipped. */
    static List<String> nodePackages(Path dir) {
        Path pkg = dir.resolve("package.json");
        if (!Files.isRegularFile(pkg)) return List.of();
        List<String> names = new ArrayList<>();
        try {
            JsonNode deps = new ObjectMapper().readTree(pkg.toFile()).path("dependencies");
            for (Iterator<String> it = deps.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.startsWith("@types/") && name.matches("[@A-Za-z0-9._/-]+")) names.add(name);
            }
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static Map<String, String> loadImportNames() {
        Properties p = new Properties();
        try (InputStream in = ProbeSuggester.class.getResourceAsStream("python-import-names.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled python-import-names.properties is unreadable", e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.forEach((k, v) -> m.put(normalize(k.toString()), v.toString().trim()));
        return Map.copyOf(m);
    }
}
