package dev.baseshift.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.catalog.BaseTraits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a failed build step or probe from its output and the file indexes of the variant and of the original
 * (pure: no engine). The output patterns are data ({@code patterns.json}); the indexes refine what the text alone
 * cannot tell — a "not found" program that is really a glibc binary on musl, a module that is there but built for
 * another Python — and say where the original has the missing piece: its path and the package that owns it.
 */
public final class Diagnoser {
    private static final int MAX_DIAGNOSES = 6;
    private static final Pattern PYTHON_DIR = Pattern.compile("/python(\\d+\\.\\d+)/");
    private static final Pattern STDLIB_MODULE = Pattern.compile("^/usr(?:/local)?/lib/python\\d+\\.\\d+/[^/]+(?:/__init__\\.py)?$");
    private static final Pattern CPYTHON_TAG = Pattern.compile("\\.cpython-(\\d)(\\d+)");

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> shells = new LinkedHashSet<>();
    private final Set<String> compileTools = new LinkedHashSet<>();
    private final List<String> installers = new ArrayList<>();
    private final List<String> pathDirs = new ArrayList<>();
    private final List<String> includeDirs = new ArrayList<>();
    private final List<String> caBundles = new ArrayList<>();
    private final Set<String> glibcInterpreters = new LinkedHashSet<>();
    private final RepairData data = RepairData.bundled();

    private record Rule(Diagnosis.Kind kind, Pattern pattern, int group, String fixed, Failure.Where where) {}

    private record Found(Diagnosis.Kind kind, String missing, String evidence) {}

    /** The bundled patterns. */
    public Diagnoser() {
        this(read());
    }

    Diagnoser(JsonNode root) {
        for (JsonNode p : root.path("patterns")) {
            JsonNode m = p.path("missing");
            String where = p.path("where").asText("");
            rules.add(new Rule(Diagnosis.Kind.valueOf(p.path("kind").asText()),
                    Pattern.compile(p.path("regex").asText()), m.isInt() ? m.asInt() : 0, m.isInt() ? null : m.asText(),
                    where.isEmpty() ? null : Failure.Where.valueOf(where.toUpperCase(Locale.ROOT))));
        }
        root.path("shells").forEach(n -> shells.add(n.asText()));
        root.path("compileTools").forEach(n -> compileTools.add(n.asText()));
        root.path("installers").forEach(n -> installers.add(n.asText()));
        root.path("pathDirs").forEach(n -> pathDirs.add(n.asText()));
        root.path("includeDirs").forEach(n -> includeDirs.add(n.asText()));
        root.path("caBundles").forEach(n -> caBundles.add(n.asText()));
        root.path("glibcInterpreters").forEach(n -> glibcInterpreters.add(n.asText()));
    }

    private static JsonNode read() {
        String resource = "/dev/baseshift/diagnosis/patterns.json";
        try (InputStream in = Diagnoser.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Why this build step or probe failed: one diagnosis per distinct cause in the output (first seen first), or one
     * {@link Diagnosis.Kind#UNKNOWN} carrying the last telling line. Never empty.
     *
     * @param variant  the failed variant's file index (its image when it built, else its base), or null
     * @param original the original image's file index, or null
     * @param target   what the variant's base provides
     */
    public List<Diagnosis> diagnose(Failure failure, ImageFiles variant, ImageFiles original, BaseTraits target) {
        List<String> lines = lines(failure.output());
        Map<String, Found> found = new LinkedHashMap<>();
        for (String line : lines) {
            for (Rule r : rules) {
                if (r.where != null && r.where != failure.where()) continue;
                Matcher m = r.pattern.matcher(line);
                if (!m.find()) continue;
                String missing = r.fixed != null ? r.fixed : m.group(r.group);
                Found f = refine(new Found(r.kind, missing == null ? "" : missing.strip(), line), failure, variant,
                        target);
                found.putIfAbsent(f.kind + "\u0000" + f.missing, f);
                break;
            }
            if (found.size() >= MAX_DIAGNOSES) break;
        }
        if (found.isEmpty()) silent(failure, lines, variant, target).ifPresent(f -> found.put("", f));
        dropEchoes(found);
        List<Diagnosis> out = new ArrayList<>();
        int line = failure.where() == Failure.Where.BUILD ? failure.line() : 0;
        for (Found f : found.values()) {
            out.add(new Diagnosis(f.kind, f.evidence, f.missing, providedBy(f, original), line, failure.probeName()));
        }
        if (out.isEmpty()) {
            out.add(new Diagnosis(Diagnosis.Kind.UNKNOWN, lastTelling(lines, failure), "", null, line,
                    failure.probeName()));
        }
        return out;
    }

    /**
     * Files of the variant whose ELF headers would sharpen the diagnosis: the programs the output says could not be
     * run, where the variant does have them (a glibc binary on musl looks like "not found").
     */
    public Set<String> elfWanted(Failure failure, ImageFiles variant) {
        Set<String> out = new TreeSet<>();
        if (variant == null) return out;
        List<String> names = new ArrayList<>();
        for (String line : lines(failure.output())) {
            for (Rule r : rules) {
                if (r.kind != Diagnosis.Kind.MISSING_EXECUTABLE && r.kind != Diagnosis.Kind.GLIBC_ON_MUSL) continue;
                Matcher m = r.pattern.matcher(line);
                if (m.find() && r.fixed == null) names.add(m.group(r.group));
            }
        }
        String first = firstWord(failure.command());
        if (first != null) names.add(first);
        if (failure.instruction() != null) names.add(firstWord(runCommand(failure.instruction())));
        for (String n : names) {
            if (n == null || n.isBlank()) continue;
            executableIn(variant, n).ifPresent(e -> out.add(e.path()));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Found refine(Found f, Failure failure, ImageFiles variant, BaseTraits target) {
        String missing = f.missing;
        switch (f.kind) {
            case MISSING_EXECUTABLE -> {
                if (shells.contains(missing) && (target == null || !target.shell()
                        || (variant != null && !variant.exists("/bin/sh")))) {
                    return new Found(Diagnosis.Kind.NO_SHELL, "", f.evidence);
                }
                Optional<String> glibc = glibcBinaryOnMusl(missing, variant, target);
                if (glibc.isPresent()) return new Found(Diagnosis.Kind.GLIBC_ON_MUSL, glibc.get(), f.evidence);
                if (failure.where() == Failure.Where.BUILD && compileTools.contains(baseName(missing))
                        && runsAnInstaller(failure.instruction())) {
                    return new Found(Diagnosis.Kind.COMPILE_FAILURE, baseName(missing), f.evidence);
                }
                return new Found(f.kind, missing, f.evidence);
            }
            case MISSING_SHARED_LIBRARY -> {
                if (data.libcSonames.contains(missing) && target != null && "musl".equals(target.libc())) {
                    return new Found(Diagnosis.Kind.GLIBC_ON_MUSL, missing, f.evidence);
                }
                return f;
            }
            case MISSING_PYTHON_MODULE -> {
                Optional<String> drift = languageDrift(missing, variant, target);
                return drift.map(v -> new Found(Diagnosis.Kind.LANGUAGE_VERSION_DRIFT, missing, f.evidence + " ("
                        + v + ")")).orElse(f);
            }
            default -> {
                return f;
            }
        }
    }

    /** No pattern matched: an exit code of 127 is a missing program, a shell-form RUN on a base without a shell. */
    private Optional<Found> silent(Failure failure, List<String> lines, ImageFiles variant, BaseTraits target) {
        String evidence = lastTelling(lines, failure);
        if (failure.where() == Failure.Where.BUILD && failure.instruction() != null && isShellRun(failure.instruction())
                && target != null && !target.shell()) {
            return Optional.of(new Found(Diagnosis.Kind.NO_SHELL, "", evidence));
        }
        if (failure.exitCode() != null && failure.exitCode() == 127) {
            String program = failure.where() == Failure.Where.PROBE ? firstWord(failure.command())
                    : failure.instruction() != null ? firstWord(runCommand(failure.instruction())) : null;
            if (program == null) return Optional.empty();
            if (shells.contains(program) && target != null && !target.shell()) {
                return Optional.of(new Found(Diagnosis.Kind.NO_SHELL, "", evidence));
            }
            Optional<String> glibc = glibcBinaryOnMusl(program, variant, target);
            if (glibc.isPresent()) return Optional.of(new Found(Diagnosis.Kind.GLIBC_ON_MUSL, glibc.get(), evidence));
            return Optional.of(new Found(Diagnosis.Kind.MISSING_EXECUTABLE, program,
                    evidence.isEmpty() ? "exit code 127 (command not found)" : evidence));
        }
        return Optional.empty();
    }

    /** A program that is missing only in name: the variant has it, but it wants glibc's loader on a musl base. */
    private Optional<String> glibcBinaryOnMusl(String program, ImageFiles variant, BaseTraits target) {
        if (variant == null || program == null || program.isBlank()) return Optional.empty();
        Optional<FileEntry> file = executableIn(variant, program);
        if (file.isEmpty()) return Optional.empty();
        Optional<ElfInfo> elf = variant.elf(file.get().path());
        if (elf.isEmpty() || !elf.get().wantsGlibc()) return Optional.empty();
        boolean musl = target != null ? "musl".equals(target.libc()) : !variant.exists(elf.get().interpreter());
        if (!musl || variant.exists(elf.get().interpreter())) return Optional.empty();
        return Optional.of(file.get().path());
    }

    /** The module is in the variant, but only for a Python the variant does not run. */
    private Optional<String> languageDrift(String module, ImageFiles variant, BaseTraits target) {
        if (variant == null || module == null || module.isBlank()) return Optional.empty();
        String top = module.split("\\.")[0];
        Set<String> builtFor = new TreeSet<>();
        for (FileEntry e : variant.named("__init__.py")) {
            if (e.path().endsWith("-packages/" + top + "/__init__.py")) pythonVersion(e.path()).ifPresent(builtFor::add);
        }
        for (FileEntry e : variant.entries()) {
            String name = e.name();
            boolean ours = name.startsWith(top + ".cpython-") || e.path().contains("-packages/" + top + "/");
            if (ours && name.contains(".cpython-") && name.contains(".so")) {
                Matcher m = CPYTHON_TAG.matcher(name);
                if (m.find()) builtFor.add(m.group(1) + "." + m.group(2));
            }
        }
        if (builtFor.isEmpty()) return Optional.empty();
        Set<String> runs = new TreeSet<>();
        if (target != null && target.languageVersion() != null) runs.add(majorMinor(target.languageVersion()));
        for (FileEntry e : variant.named("os.py")) pythonVersion(e.path()).ifPresent(runs::add);
        if (runs.isEmpty()) return Optional.empty();
        for (String v : builtFor) if (runs.contains(v)) return Optional.empty();
        return Optional.of(top + " is there for Python " + String.join(", ", builtFor) + "; the variant runs Python "
                + String.join(", ", runs));
    }

    /** "numpy" and "numpy.core" from the same import are one cause: keep the shortest. */
    private static void dropEchoes(Map<String, Found> found) {
        List<String> keys = new ArrayList<>(found.keySet());
        for (String k : keys) {
            Found f = found.get(k);
            if (f == null || f.kind == Diagnosis.Kind.UNKNOWN) continue;
            for (Found other : List.copyOf(found.values())) {
                if (other != f && other.kind == f.kind && f.missing.startsWith(other.missing + ".")) found.remove(k);
            }
        }
    }

    // --- where the original has it -------------------------------------------------------------------------------

    private Diagnosis.Provider providedBy(Found f, ImageFiles original) {
        if (original == null || f.missing == null || f.missing.isBlank()) {
            return f.kind == Diagnosis.Kind.MISSING_CA_CERTIFICATES && original != null ? caBundle(original) : null;
        }
        return switch (f.kind) {
            case MISSING_PYTHON_MODULE, LANGUAGE_VERSION_DRIFT -> pythonModule(f.missing, original);
            case MISSING_NODE_MODULE -> nodeModule(f.missing, original);
            case MISSING_SHARED_LIBRARY -> sharedLibrary(f.missing, original);
            case MISSING_EXECUTABLE -> executableIn(original, f.missing).map(e -> owned(e, original)).orElse(null);
            case COMPILE_FAILURE -> f.missing.endsWith(".h") ? header(f.missing, original)
                    : executableIn(original, f.missing).map(e -> owned(e, original)).orElse(null);
            case MISSING_CA_CERTIFICATES -> caBundle(original);
            default -> null;
        };
    }

    private static Diagnosis.Provider pythonModule(String module, ImageFiles original) {
        String top = module.split("\\.")[0];
        for (InstalledPackage p : original.packages()) {
            if (p.manager() == InstalledPackage.Manager.PIP
                    && (p.provides().contains(top) || p.name().equalsIgnoreCase(top))) {
                String path = p.files().stream().filter(x -> x.contains("/" + top + "/")).findFirst()
                        .orElse(p.files().isEmpty() ? null : p.files().get(0));
                return new Diagnosis.Provider(path, p.name(), "pip", emptyToNull(p.version()));
            }
        }
        List<FileEntry> candidates = new ArrayList<>();
        for (FileEntry e : original.named("__init__.py")) {
            if (e.path().endsWith("-packages/" + top + "/__init__.py")) candidates.add(e);
        }
        for (FileEntry e : original.named(top + ".py")) if (e.path().contains("-packages/")) candidates.add(e);
        if (candidates.isEmpty()) {
            // the standard library: "No module named 'encodings'" from an interpreter without its library
            for (FileEntry e : original.named("__init__.py")) {
                if (STDLIB_MODULE.matcher(e.path()).matches() && e.path().endsWith("/" + top + "/__init__.py")) {
                    candidates.add(e);
                }
            }
            for (FileEntry e : original.named(top + ".py")) {
                if (STDLIB_MODULE.matcher(e.path()).matches()) candidates.add(e);
            }
        }
        if (candidates.isEmpty()) {
            for (FileEntry e : original.entries()) {
                if (e.name().startsWith(top + ".cpython-") && e.path().contains("-packages/")) candidates.add(e);
            }
        }
        candidates.sort((a, b) -> Integer.compare(a.path().length(), b.path().length()));
        for (FileEntry e : candidates) {
            Diagnosis.Provider p = owned(e, original);
            if (p.packageName() != null) return p;
        }
        return candidates.isEmpty() ? null : owned(candidates.get(0), original);
    }

    private static Diagnosis.Provider nodeModule(String module, ImageFiles original) {
        String name = module.startsWith("@") ? module : module.split("/")[0];
        for (InstalledPackage p : original.packages()) {
            if (p.manager() == InstalledPackage.Manager.NPM && (p.name().equals(name) || p.provides().contains(name))) {
                String path = p.files().stream().filter(x -> x.endsWith("/package.json")).findFirst()
                        .orElse(p.files().isEmpty() ? null : p.files().get(0));
                return new Diagnosis.Provider(path, p.name(), "npm", emptyToNull(p.version()));
            }
        }
        for (FileEntry e : original.named("package.json")) {
            if (e.path().endsWith("/node_modules/" + name + "/package.json")) return owned(e, original);
        }
        return null;
    }

    private Diagnosis.Provider sharedLibrary(String soname, ImageFiles original) {
        List<FileEntry> found = new ArrayList<>(original.named(soname));
        if (found.isEmpty()) return null;
        found.sort((a, b) -> Integer.compare(libraryRank(a.path()), libraryRank(b.path())));
        for (FileEntry e : found) {
            Diagnosis.Provider p = owned(e, original);
            if (p.packageName() != null) return p;
        }
        return owned(found.get(0), original);
    }

    private int libraryRank(String path) {
        String dir = path.substring(0, Math.max(0, path.lastIndexOf('/')));
        int i = data.libraryDirs.indexOf(dir);
        return i < 0 ? data.libraryDirs.size() : i;
    }

    private Diagnosis.Provider header(String header, ImageFiles original) {
        for (String dir : includeDirs) {
            Optional<FileEntry> e = original.resolve(dir + "/" + header);
            if (e.isPresent()) return owned(original.entry(dir + "/" + header).orElse(e.get()), original);
        }
        String last = baseName(header);
        for (FileEntry e : original.named(last)) {
            if (e.path().endsWith("/" + header) && e.path().contains("/include/")) return owned(e, original);
        }
        return null;
    }

    private Diagnosis.Provider caBundle(ImageFiles original) {
        for (String path : caBundles) {
            Optional<FileEntry> e = original.entry(path);
            if (e.isPresent()) return owned(e.get(), original);
        }
        return null;
    }

    /** The path with the package that owns it (on the path itself or on where its symlinks lead). */
    private static Diagnosis.Provider owned(FileEntry e, ImageFiles files) {
        Optional<InstalledPackage> owner = files.ownerOf(e.path());
        if (owner.isEmpty() && e.type() == FileEntry.Type.SYMLINK) {
            owner = files.resolve(e.path()).flatMap(r -> files.ownerOf(r.path()));
        }
        return owner.map(o -> new Diagnosis.Provider(e.path(), o.name(), o.manager().id(), emptyToNull(o.version())))
                .orElseGet(() -> new Diagnosis.Provider(e.path(), null, null, null));
    }

    /** A program as the shell would find it: an absolute path, else the first PATH folder that has it. */
    private Optional<FileEntry> executableIn(ImageFiles files, String program) {
        String p = program.strip();
        if (p.isEmpty()) return Optional.empty();
        if (p.startsWith("/")) return files.resolve(p).map(r -> files.entry(p).orElse(r));
        if (p.startsWith("./") || p.contains("/")) {
            String tail = p.startsWith("./") ? p.substring(2) : p;
            for (FileEntry e : files.named(baseName(tail))) {
                if (e.path().endsWith("/" + tail) && (e.executable() || e.type() == FileEntry.Type.SYMLINK)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
        for (String dir : pathDirs) {
            Optional<FileEntry> e = files.resolve(dir + "/" + p);
            if (e.isPresent()) return Optional.of(files.entry(dir + "/" + p).orElse(e.get()));
        }
        return Optional.empty();
    }

    // --- text ------------------------------------------------------------------------------------------------------

    private static List<String> lines(String output) {
        List<String> out = new ArrayList<>();
        if (output == null) return out;
        for (String l : TerminalText.plain(output).split("\\R")) {
            String s = l.strip();
            // BuildKit prefixes step output with "#7 0.512 "
            s = s.replaceFirst("^#\\d+ \\d+\\.\\d+ ", "");
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    private static String lastTelling(List<String> lines, Failure failure) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.toLowerCase(Locale.ROOT).contains("error") || l.contains("not found") || l.startsWith("E: ")) return l;
        }
        if (!lines.isEmpty()) return lines.get(lines.size() - 1);
        return failure.exitCode() != null ? "exit code " + failure.exitCode() : "";
    }

    private boolean runsAnInstaller(String instruction) {
        if (instruction == null) return false;
        String s = instruction.toLowerCase(Locale.ROOT);
        for (String i : installers) if (s.contains(i)) return true;
        return false;
    }

    private static boolean isShellRun(String instruction) {
        String s = instruction.strip();
        if (!s.regionMatches(true, 0, "RUN", 0, 3)) return false;
        String rest = s.substring(3).strip();
        while (rest.startsWith("--")) {
            int sp = rest.indexOf(' ');
            if (sp < 0) return false;
            rest = rest.substring(sp + 1).strip();
        }
        return !rest.startsWith("[");
    }

    /** The command of a RUN instruction, flags dropped; an exec-form array becomes its words. */
    private static String runCommand(String instruction) {
        String s = instruction.strip();
        if (s.regionMatches(true, 0, "RUN", 0, 3)) s = s.substring(3).strip();
        while (s.startsWith("--")) {
            int sp = s.indexOf(' ');
            if (sp < 0) return "";
            s = s.substring(sp + 1).strip();
        }
        if (s.startsWith("[")) s = s.replaceAll("[\\[\\]\",]", " ").strip();
        return s;
    }

    private static String firstWord(String command) {
        if (command == null) return null;
        try {
            for (ShellWords.Cmd c : ShellWords.scan(command, 0, command.length(), '\\')) {
                if (c.program() >= 0 && c.program() < c.words().size()) return c.words().get(c.program()).value();
            }
        } catch (RuntimeException unparsable) {
            // fall through to the plain first word
        }
        String[] words = command.strip().split("\\s+");
        return words.length == 0 || words[0].isEmpty() ? null : words[0];
    }

    private static Optional<String> pythonVersion(String path) {
        Matcher m = PYTHON_DIR.matcher(path);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String majorMinor(String version) {
        String[] p = version.split("\\.");
        return p.length >= 2 ? p[0] + "." + p[1] : version;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
