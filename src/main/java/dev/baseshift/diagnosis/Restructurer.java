package dev.baseshift.diagnosis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.catalog.Tier;
import dev.baseshift.dockerfile.FromRewriter;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a base without shell or package manager (distroless, scratch): the moving stages build on the original base
 * (the final one named {@code baseshift-build} unless it has a name), and a new runtime stage on the minimal base
 * copies what the app needs from it — the WORKDIR and COPY destinations, installed site-packages / node_modules,
 * virtual environments, the shared libraries the diagnoses and the ELF index name, and for scratch the CA bundle and
 * the accounts — and keeps ENV, WORKDIR, USER, EXPOSE and the start command (shell form turned into exec form).
 */
final class Restructurer {
    private static final Pattern VENV = Pattern.compile("(?:-m\\s+venv|virtualenv)\\s+(?:--?[A-Za-z-]+\\s+)*([^\\s;&|]+)");
    private static final Pattern PYTHON_VERSION = Pattern.compile("python:?(\\d+\\.\\d+)");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)");
    private static final String SHELL_CHARS = "$`|&;<>(){}*?[]~\n\\";

    private final Repairer r;
    private final RepairRequest request;
    private final boolean scratch;
    /** source in the builder → why; the destination is the same path */
    private final Map<String, String> copies = new LinkedHashMap<>();
    /** Owners a RUN gave paths ({@code chown U:G path}): their copies keep them. */
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Set<String> pythonPath = new LinkedHashSet<>();
    private boolean copyAccounts;
    /** The virtual environment a RUN made; a later plain {@code pip} installs into it. */
    private String venv;

    Restructurer(Repairer r) {
        this.r = r;
        this.request = r.request;
        this.scratch = request.tier() == Tier.SCRATCH || request.target().libc() == null;
    }

    void run() {
        String builder = builderStage();
        List<String> runtime = new ArrayList<>();
        String workdir = "/";
        String user = null;
        Instruction cmd = null, entrypoint = null;
        List<Instruction> keep = new ArrayList<>();
        for (Stage st : r.chain) {
            for (Instruction ins : r.instructions(st)) {
                switch (ins.keyword()) {
                    case "WORKDIR" -> {
                        workdir = resolve(workdir, expand(ins.arguments().trim()));
                        copyDir(workdir, "the WORKDIR");
                    }
                    case "COPY", "ADD" -> copied(ins, workdir);
                    case "RUN" -> installedBy(ins, st);
                    case "ENV" -> {
                        Matcher m = ENV_PAIR.matcher(ins.arguments());
                        while (m.find()) env.put(m.group(1), m.group(2).replaceAll("^[\"']|[\"']$", ""));
                        keep.add(ins);
                    }
                    case "ARG", "EXPOSE", "LABEL", "VOLUME", "STOPSIGNAL", "HEALTHCHECK" -> keep.add(ins);
                    case "USER" -> user = ins.arguments().trim();
                    case "CMD" -> cmd = ins;
                    case "ENTRYPOINT" -> entrypoint = ins;
                    default -> { }
                }
            }
        }
        startProgram(entrypoint != null ? entrypoint : cmd);
        for (Diagnosis d : request.diagnoses()) diagnosis(d);
        if (scratch) pythonStandardLibrary();
        if (scratch) caBundle();
        if (user != null) accounts(user);
        libraries();

        runtime.add(fromLine());
        Map<String, String> copy = pruned();
        for (Map.Entry<String, String> c : copy.entrySet()) {
            if (owners.containsKey(c.getKey())) continue;
            runtime.add("COPY --from=" + builder + " " + c.getKey() + " " + c.getKey());
        }
        if (copyAccounts) runtime.add("COPY --from=" + builder + " /etc/passwd /etc/group /etc/");
        // after the accounts: an owner may be a name
        for (Map.Entry<String, String> c : copy.entrySet()) {
            String owner = owners.get(c.getKey());
            if (owner != null) {
                runtime.add("COPY --from=" + builder + " --chown=" + owner + " " + c.getKey() + " " + c.getKey());
            }
        }
        for (Instruction ins : keep) {
            if (ins.keyword().equals("HEALTHCHECK") && !ins.isExecForm() && !ins.arguments().contains("[")) {
                r.unresolved.add("line " + ins.startLine() + ": HEALTHCHECK runs through a shell; the runtime stage "
                        + "has none, so it is left out");
                continue;
            }
            runtime.add(r.df.sourceOf(ins));
        }
        if (!pythonPath.isEmpty() && !env.containsKey("PYTHONPATH")) {
            runtime.add("ENV PYTHONPATH=" + String.join(":", pythonPath));
        }
        if (!workdir.equals("/")) runtime.add("WORKDIR " + workdir);
        if (user != null) runtime.add("USER " + user);
        if (entrypoint != null) runtime.add(execForm(entrypoint));
        if (cmd != null) runtime.add(execForm(cmd));

        StringBuilder stage = new StringBuilder();
        String text = r.text;
        if (!text.endsWith("\n")) stage.append(r.nl);
        stage.append(r.nl);
        for (String l : runtime) stage.append(l).append(r.nl);
        List<String> what = new ArrayList<>(copies.values());
        r.splices.insert(text.length(), stage.toString(), "runtime stage on " + r.baseStage().baseText()
                + ": copies " + String.join(", ", new LinkedHashSet<>(what)) + " from " + builder);
    }

    /** Turns the final stage into the builder; the base stage goes back to the original base. */
    private String builderStage() {
        Stage base = r.baseStage();
        Stage fin = r.finalStage();
        String rewritten = FromRewriter.rewrite(r.df, base, request.originalBase(), request.graph().expansion());
        int start = 0;
        while (start < rewritten.length() && start < r.text.length() && rewritten.charAt(start) == r.text.charAt(start)) start++;
        int endOld = r.text.length(), endNew = rewritten.length();
        while (endOld > start && endNew > start && r.text.charAt(endOld - 1) == rewritten.charAt(endNew - 1)) {
            endOld--;
            endNew--;
        }
        String reason = "builds on " + request.originalBase() + ", which has the shell and tools the steps need";
        r.splices.replace(start, endOld, rewritten.substring(start, endNew), reason);
        if (fin.name() != null) return fin.name();
        Set<String> names = new LinkedHashSet<>();
        for (Stage s : request.graph().stages()) if (s.name() != null) names.add(s.name().toLowerCase());
        String name = "baseshift-build";
        for (int n = 2; names.contains(name); n++) name = "baseshift-build-" + n;
        r.splices.insert(fin.from().endOffset(), " AS " + name, reason);
        return name;
    }

    private String fromLine() {
        Instruction from = r.baseStage().from();
        StringBuilder s = new StringBuilder("FROM ");
        from.flag("platform").ifPresent(p -> s.append("--platform=").append(p).append(' '));
        return s.append(r.baseStage().baseText()).toString();
    }

    // ------------------------------------------------------------------ what the app needs

    private void copied(Instruction ins, String workdir) {
        List<String> words = ins.isExecForm() ? ins.execForm() : List.of(ins.arguments().trim().split("\\s+"));
        if (words.size() < 2 || !ins.heredocs().isEmpty()) {
            if (!ins.heredocs().isEmpty()) {
                String dest = expand(words.get(words.size() - 1));
                copyDir(resolve(workdir, dest), "the " + ins.keyword() + " on line " + ins.startLine());
            }
            return;
        }
        String dest = expand(words.get(words.size() - 1));
        if (dest.contains("$")) {
            r.unresolved.add("line " + ins.startLine() + ": cannot tell where " + ins.keyword() + " copies to (" + dest
                    + "); copy it into the runtime stage by hand");
            return;
        }
        String path = resolve(workdir, dest);
        if (path.equals("/tmp") || path.startsWith("/tmp/") || path.startsWith("/var/tmp/")) return;  // build inputs
        String why = "the " + ins.keyword() + " destination of line " + ins.startLine();
        boolean dir = dest.endsWith("/") || dest.equals(".") || words.size() > 2;
        if (!path.equals("/")) {
            copyDir(path, why);
            return;
        }
        for (String src : words.subList(0, words.size() - 1)) {
            String name = src.replaceAll("/+$", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            if (name.isEmpty() || name.equals(".") || name.contains("*")) {
                r.unresolved.add("line " + ins.startLine() + ": " + ins.keyword() + " " + src + " into / cannot be "
                        + "copied as one folder; copy what the app needs by hand");
                continue;
            }
            if (dir || words.size() == 2) copyDir("/" + name, why);
        }
    }

    private void installedBy(Instruction run, Stage st) {
        String src = r.df.sourceOf(run);
        Matcher v = VENV.matcher(src);
        while (v.find()) {
            String dir = expand(v.group(1));
            if (dir.startsWith("/")) {
                venv = ImageFiles.normalise(dir);
                copyDir(venv, "the virtual environment");
                r.unresolved.add("line " + run.startLine() + ": the virtual environment " + venv + " links to the "
                        + "builder's Python; on " + r.baseStage().baseText() + " its bin/ scripts may not start — "
                        + "the runtime stage sets PYTHONPATH so the base's own python3 finds the packages");
                String py = pythonVersion();
                if (py != null) pythonPath.add(ImageFiles.normalise(dir) + "/lib/python" + py + "/site-packages");
            }
        }
        for (ShellWords.Cmd cmd : r.commands(run)) {
            String p = cmd.programName();
            List<String> args = cmd.args().stream().map(ShellWords.Word::value).toList();
            boolean pip = p.matches("pip[0-9.]*") || (p.matches("python[0-9.]*") && args.size() > 2
                    && args.get(0).equals("-m") && args.get(1).equals("pip"));
            if (pip && args.contains("install")) {
                if (args.contains("--user")) {
                    copyDir("/root/.local", "pip's --user packages");
                    String py = pythonVersion();
                    if (py != null) pythonPath.add("/root/.local/lib/python" + py + "/site-packages");
                } else if (cmd.words().get(cmd.program()).value().startsWith("/usr/")
                        || (venv == null && !cmd.words().get(cmd.program()).value().contains("/"))) {
                    sitePackages();
                }
            }
            if (p.equals("mkdir")) {
                // a folder the step makes (a volume's mount point, a data dir): the runtime needs it as well
                for (String a : args) {
                    String dir = expand(a);
                    if (a.startsWith("-") || !dir.startsWith("/") || dir.contains("$") || dir.contains("*")) continue;
                    dir = ImageFiles.normalise(dir);
                    if (dir.equals("/tmp") || dir.startsWith("/tmp/") || dir.startsWith("/var/tmp/")) continue;
                    copyDir(dir, "the folder line " + run.startLine() + " makes");
                }
            } else if (p.equals("chown") && !args.isEmpty()) {
                List<String> operands = args.stream().filter(a -> !a.startsWith("-")).toList();
                if (operands.size() >= 2 && !operands.get(0).contains("$")) {
                    for (String a : operands.subList(1, operands.size())) {
                        String path = expand(a);
                        if (path.startsWith("/") && !path.contains("$")) owners.put(ImageFiles.normalise(path), operands.get(0));
                    }
                }
            }
            boolean npm = p.equals("npm") || p.equals("yarn") || p.equals("pnpm");
            if (npm && (args.contains("-g") || args.contains("--global") || args.contains("global"))) {
                copyDir("/usr/local/lib/node_modules", "global node_modules");
            }
        }
    }

    /** Where the original's pip put packages: its dist-info folders, else the standard one for its Python. */
    private void sitePackages() {
        ImageFiles files = request.original();
        boolean found = false;
        if (files != null) {
            for (InstalledPackage ip : files.packages()) {
                if (ip.manager() != InstalledPackage.Manager.PIP) continue;
                for (String f : ip.files()) {
                    int at = f.indexOf(".dist-info/");
                    if (at < 0) continue;
                    String site = f.substring(0, f.lastIndexOf('/', at));
                    copyDir(site, "site-packages");
                    if (!site.startsWith("/usr/lib/python3/")) pythonPath.add(site);
                    found = true;
                    break;
                }
            }
        }
        if (found) return;
        String py = pythonVersion();
        if (py == null) {
            r.unresolved.add("cannot tell where pip installed packages (no file index of the original, and its base "
                    + request.originalBase() + " names no Python version)");
            return;
        }
        String site = "/usr/local/lib/python" + py + "/site-packages";
        copyDir(site, "site-packages");
        pythonPath.add(site);
    }

    private String pythonVersion() {
        Matcher m = PYTHON_VERSION.matcher(request.originalBase());
        return m.find() ? m.group(1) : null;
    }

    private void diagnosis(Diagnosis d) {
        Diagnosis.Provider p = r.provider(d);
        String missing = d.missing() == null ? "" : d.missing();
        switch (d.kind()) {
            case MISSING_PYTHON_MODULE, MISSING_NODE_MODULE -> {
                if (p == null || p.path() == null) {
                    r.unresolved.add(d.kind().id() + " " + missing + ": the original does not have it either (or was "
                            + "not indexed)");
                    return;
                }
                String marker = d.kind() == Diagnosis.Kind.MISSING_NODE_MODULE ? "/node_modules/" : null;
                String dir = moduleDir(p.path(), marker);
                copyDir(dir, missing + (p.packageName() == null ? "" : " (" + p.packageName()
                        + (p.version() == null ? "" : " " + p.version()) + ")"));
                if (marker == null) {
                    String site = dir.substring(0, dir.lastIndexOf('/'));
                    if (!site.startsWith("/usr/lib/python3/")) pythonPath.add(site);
                }
            }
            case MISSING_SHARED_LIBRARY, MISSING_EXECUTABLE -> {
                if (p == null || p.path() == null) {
                    r.unresolved.add(d.kind().id() + " " + missing + ": the original does not have it either (or was "
                            + "not indexed)");
                } else {
                    copies.putIfAbsent(p.path(), missing.isEmpty() ? p.path() : missing);
                }
            }
            case MISSING_CA_CERTIFICATES -> copies.putIfAbsent(r.data.caBundle, "the CA bundle");
            case MISSING_USER -> copyAccounts = true;
            case NO_SHELL, COMPILE_FAILURE -> { }                 // the builder stage has what the steps need
            case GLIBC_ON_MUSL -> r.unresolved.add("glibc-on-musl " + missing + ": build it for musl or static in the "
                    + "builder stage");
            case LANGUAGE_VERSION_DRIFT -> r.unresolved.add("language-version-drift " + missing + ": the runtime base "
                    + "ships another language version; rebuild the module for it");
            default -> r.unresolved.add(d.kind().id() + ": no repair is known for \"" + d.evidence() + "\"");
        }
    }

    private static final Pattern STDLIB = Pattern.compile("^(/usr(?:/local)?/lib/python\\d+\\.\\d+)/");

    /**
     * "/usr/lib/python3/dist-packages/numpy/core/x.py" → "/usr/lib/python3/dist-packages/numpy"; a module of the
     * standard library → the whole library ("/usr/lib/python3.11": one part of it missing means all of it is).
     */
    private static String moduleDir(String path, String marker) {
        Matcher stdlib = STDLIB.matcher(path);
        if (marker == null && stdlib.find() && !path.contains("-packages/")) return stdlib.group(1);
        String[] markers = marker == null ? new String[] {"/site-packages/", "/dist-packages/"} : new String[] {marker};
        for (String m : markers) {
            int at = path.lastIndexOf(m);
            if (at < 0) continue;
            String rest = path.substring(at + m.length());
            int slash = rest.startsWith("@") ? rest.indexOf('/', rest.indexOf('/') + 1) : rest.indexOf('/');
            return path.substring(0, at + m.length()) + (slash < 0 ? rest : rest.substring(0, slash));
        }
        return path;
    }

    /**
     * Scratch has no CA bundle: copy the original's when there is evidence it has one (its index, a step that installs
     * ca-certificates, or an image family known to ship it); copying a file the builder lacks would fail the build.
     */
    private void caBundle() {
        String bundle = r.data.caBundle;
        if (covered(bundle)) return;
        ImageFiles files = request.original();
        boolean has;
        if (files != null) {
            has = files.entry(bundle).isPresent() || files.exists(bundle);
        } else {
            String repo = request.originalBase().replaceAll("[:@].*$", "");
            repo = repo.substring(repo.lastIndexOf('/') + 1);
            has = r.data.caBundleBases.contains(repo);
            for (Stage st : r.chain) {
                for (Instruction ins : r.instructions(st)) {
                    if (ins.keyword().equals("RUN") && r.df.sourceOf(ins).contains("ca-certificates")) has = true;
                }
            }
        }
        if (has) {
            copies.putIfAbsent(bundle, "the CA bundle (scratch has none)");
        } else {
            r.unresolved.add("scratch has no CA bundle and the original (" + request.originalBase() + ") shows none to "
                    + "copy; if the app uses TLS, install ca-certificates in the builder stage");
        }
    }

    /** The program the image starts, when it is a file the steps made (an absolute path outside the system dirs). */
    private void startProgram(Instruction start) {
        if (start == null) return;
        String first = start.isExecForm()
                ? (start.execForm().isEmpty() ? "" : start.execForm().get(0))
                : start.arguments().trim().split("\\s+")[0];
        first = expand(first);
        if (scratch && !first.isEmpty() && !first.contains("/") && !first.contains("$")) {
            // scratch has no PATH to find it on: the original's copy of the program, found as its PATH would
            ImageFiles files = request.original();
            String found = null;
            for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
                var entry = files == null ? java.util.Optional.<FileEntry>empty() : files.resolve(dir + "/" + first);
                if (entry.isPresent()) {
                    found = dir + "/" + first;
                    // a link (python → python3.12) is copied as a link: its target too
                    if (!entry.get().path().equals(found) && !covered(entry.get().path())) {
                        copies.putIfAbsent(entry.get().path(), "the program the image starts");
                    }
                    break;
                }
            }
            if (found == null) {
                r.unresolved.add("line " + start.startLine() + ": scratch has no " + first + " and no file index of "
                        + "the original says where it is; a rebuild's diagnosis names it");
                return;
            }
            first = found;
        }
        if (!first.startsWith("/") || covered(first)) return;
        boolean system = first.matches("/(usr/)?s?bin/[^/]+");
        if (scratch || !system) copies.putIfAbsent(ImageFiles.normalise(first), "the program the image starts");
    }

    private void accounts(String user) {
        String name = user.split(":")[0];
        if (name.chars().allMatch(Character::isDigit)) return;
        if (scratch || !request.target().users().contains(name)) copyAccounts = true;
    }

    /** The DT_NEEDED closure of everything copied, from the original's ELF index; glibc itself only for scratch. */
    private void libraries() {
        ImageFiles files = request.original();
        if (files == null || files.elfFiles().isEmpty()) return;
        List<String> work = new ArrayList<>(copies.keySet());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < work.size() && i < 500; i++) {
            String root = work.get(i);
            for (ElfInfo elf : files.elfFiles().values()) {
                if (!(elf.path().equals(root) || elf.path().startsWith(root + "/"))) continue;
                if (!seen.add(elf.path())) continue;
                if (scratch && elf.interpreter() != null && !covered(elf.interpreter())) {
                    copies.putIfAbsent(elf.interpreter(), "the dynamic loader of " + elf.path());
                    work.add(elf.interpreter());
                }
                for (String soname : elf.needed()) {
                    if (!scratch && r.data.libcSonames.contains(soname)) continue;
                    String lib = library(files, soname);
                    if (lib == null || covered(lib)) continue;
                    copies.putIfAbsent(lib, soname + " (needed by " + elf.path() + ")");
                    work.add(lib);
                }
            }
        }
    }

    private String library(ImageFiles files, String soname) {
        for (String dir : r.data.libraryDirs) {
            String path = dir + "/" + soname;
            if (files.entry(path).isPresent() || files.exists(path)) return path;
        }
        return null;
    }

    private boolean covered(String path) {
        for (String c : copies.keySet()) if (path.equals(c) || path.startsWith(c + "/")) return true;
        return false;
    }

    /** Copies without those inside another copied folder. */
    private Map<String, String> pruned() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : copies.entrySet()) {
            boolean inside = false;
            for (String other : copies.keySet()) {
                if (!other.equals(e.getKey()) && e.getKey().startsWith(other.equals("/") ? "/" : other + "/")) inside = true;
            }
            if (!inside) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * A Python interpreter copied onto scratch cannot start without its standard library ("No module named
     * 'encodings'"): copy the original's, for the version the copied interpreter is.
     */
    private void pythonStandardLibrary() {
        ImageFiles files = request.original();
        if (files == null) return;
        for (String copied : List.copyOf(copies.keySet())) {
            String real = files.resolve(copied).map(FileEntry::path).orElse(copied);
            Matcher m = INTERPRETER.matcher(real);
            if (!m.matches()) continue;
            String version = m.group(2);
            for (String lib : List.of("/usr/local/lib/python" + version, "/usr/lib/python" + version)) {
                if (files.exists(lib + "/os.py")) {
                    copyDir(lib, "Python " + version + "'s standard library (the copied interpreter needs it)");
                    break;
                }
            }
            // the system's packages are half in the versioned folder, half in the shared one: both, or imports
            // find a package without its code
            String shared = "/usr/lib/python" + version.split("\\.")[0] + "/dist-packages";
            if (files.exists(shared)) copyDir(shared, "the original's system Python packages (the app may import them)");
        }
    }

    private static final Pattern INTERPRETER = Pattern.compile("^/usr(/local)?/bin/python(\\d+\\.\\d+)$");

    private void copyDir(String path, String why) {
        if (path.equals("/")) return;
        copies.putIfAbsent(path, why);
    }

    private String expand(String word) {
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString().replaceAll("^[\"']|[\"']$", "");
    }

    private static String resolve(String workdir, String path) {
        String p = path.startsWith("/") ? path : workdir + "/" + path;
        return ImageFiles.normalise(p);
    }

    /** CMD/ENTRYPOINT in exec form; a shell form that needs a shell is kept and reported. */
    private String execForm(Instruction ins) {
        if (ins.isExecForm()) return r.df.sourceOf(ins);
        String shell = ins.arguments().trim();
        boolean needsShell = false;
        for (char c : SHELL_CHARS.toCharArray()) if (shell.indexOf(c) >= 0) needsShell = true;
        List<String> words = new ArrayList<>();
        if (!needsShell) {
            for (ShellWords.Cmd c : ShellWords.scan(shell, 0, shell.length(), '\\')) {
                for (ShellWords.Word w : c.words()) words.add(w.value());
            }
        }
        if (needsShell || words.isEmpty()) {
            r.unresolved.add("line " + ins.startLine() + ": " + ins.keyword() + " " + shell + " needs a shell, which "
                    + r.baseStage().baseText() + " does not have; write it in exec form");
            return r.df.sourceOf(ins);
        }
        try {
            return ins.keyword() + " " + new ObjectMapper().writeValueAsString(words);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
