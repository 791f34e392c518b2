package dev.baseshift.diagnosis;

import dev.baseshift.advice.NativePackages;
import dev.baseshift.advice.PackageTable;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns diagnoses into a patched Dockerfile for one variant (pure: no engine, no files). Per tier:
 * <ul>
 *   <li>a base with apt (slim): the owning Debian packages, merged into the stage's own {@code apt-get install} or
 *       one new RUN after the base stage's FROM;</li>
 *   <li>a base with apk (alpine): every apt-get/apt call of the moving stages translated to apk through
 *       advice/packages.json, then the diagnoses' packages (mapped), gcompat, build dependencies;</li>
 *   <li>no shell or no package manager (distroless, scratch): a builder stage on the original base runs the steps,
 *       a runtime stage on the minimal base copies what the app needs ({@link Restructurer}).</li>
 * </ul>
 * Python and Node modules come back in the version the original had. What cannot be fixed is said in
 * {@link RepairPatch#unresolved()}, never left out silently.
 */
public final class Repairer {
    private static final Set<String> APT_VALUE_OPTIONS = Set.of("-o", "-t", "--target-release", "-c", "--config-file");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern PACKAGE_TOKEN = Pattern.compile("[^\\s\"'\\\\]+");

    final RepairRequest request;
    final Dockerfile df;
    final String text;
    final String nl;
    final Splices splices;
    final List<String> unresolved = new ArrayList<>();
    final RepairData data = RepairData.bundled();
    final PackageTable table = PackageTable.bundled();
    /** Base stage first, final stage last: the stages whose content ends up in the final image. */
    final List<Stage> chain = new ArrayList<>();
    /** Every stage rooted at the base stage (all move with it). */
    final List<Stage> moving = new ArrayList<>();
    final Map<Integer, List<Instruction>> body = new TreeMap<>();

    /** The install command packages are merged into, once known: where to insert and what it names already. */
    private int mergeAt = -1;
    private String mergeSeparator = " ";
    private final Set<String> mergeNames = new LinkedHashSet<>();
    private final List<String> mergedReasons = new ArrayList<>();
    private final Set<Integer> translatedAssignments = new HashSet<>();

    private Repairer(RepairRequest request) {
        this.request = request;
        this.df = request.plain();
        this.text = df.text();
        this.nl = text.contains("\r\n") ? "\r\n" : "\n";
        this.splices = new Splices(text);
        int stage = -1;
        for (Instruction i : df.instructions()) {
            if (i.keyword().equals("FROM")) {
                stage++;
                body.put(stage, new ArrayList<>());
            } else if (stage >= 0) {
                body.get(stage).add(i);
            }
        }
        List<Stage> stages = request.graph().stages();
        Stage s = stages.get(request.graph().finalStage());
        List<Stage> up = new ArrayList<>();
        while (true) {
            up.add(0, s);
            if (s.index() == request.baseStage() || s.fromImage()) break;
            s = stages.get(s.parentStage());
        }
        chain.addAll(up);
        for (Stage st : stages) if (root(st) == request.baseStage()) moving.add(st);
    }

    /** The patch for one variant. */
    public static RepairPatch patch(RepairRequest request) {
        return new Repairer(request).run();
    }

    private RepairPatch run() {
        String pm = request.target().packageManager();
        boolean restructure = !request.target().shell() || pm == null;
        if (restructure) {
            new Restructurer(this).run();
        } else if (pm.equalsIgnoreCase("apk")) {
            translateToApk();
            for (Diagnosis d : request.diagnoses()) repairWithPackages(d, "apk");
        } else if (pm.equalsIgnoreCase("apt")) {
            findAptMergePoint();
            for (Diagnosis d : request.diagnoses()) repairWithPackages(d, "apt");
        } else {
            for (Diagnosis d : request.diagnoses()) {
                unresolved.add(d.kind().id() + " (" + d.missing() + "): BaseShift repairs bases with apt or apk, not "
                        + pm);
            }
        }
        flushPackages(pm);
        flushRuns();
        return finish();
    }

    private RepairPatch finish() {
        String patched = splices.apply();
        try {
            DockerfileParser.parse(df.name(), patched);
        } catch (DockerfileException e) {
            throw new IllegalStateException("the repaired Dockerfile does not parse: " + e.getMessage(), e);
        }
        Map<Integer, List<String>> reasons = new TreeMap<>();
        List<RepairPatch.Hunk> hunks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Splices.Splice s : splices.all()) {
            int line = splices.lineOf(s.start());
            if (seen.add(line + "\u0000" + s.reason())) {
                reasons.computeIfAbsent(line, k -> new ArrayList<>()).add(s.reason());
                hunks.add(new RepairPatch.Hunk(line, s.reason()));
            }
        }
        String diff = hunks.isEmpty() ? "" : LineDiff.unified(df.name(), df.name() + " (repaired)", text, patched, reasons);
        return new RepairPatch(patched, diff, hunks, unresolved);
    }

    // ------------------------------------------------------------------ stages and instructions

    private int root(Stage s) {
        List<Stage> stages = request.graph().stages();
        while (!s.fromImage() && s.index() != request.baseStage()) s = stages.get(s.parentStage());
        return s.index();
    }

    Stage baseStage() {
        return request.graph().stages().get(request.baseStage());
    }

    Stage finalStage() {
        return chain.get(chain.size() - 1);
    }

    List<Instruction> instructions(Stage s) {
        return body.getOrDefault(s.index(), List.of());
    }

    int lineStart(int offset) {
        int i = text.lastIndexOf('\n', offset - 1);
        return i + 1;
    }

    /** Offset just past the line break that ends the line holding {@code offset} (or the end of the text). */
    int lineEnd(int offset) {
        int i = text.indexOf('\n', offset);
        return i < 0 ? text.length() : i + 1;
    }

    /** Where the shell text of a shell-form RUN starts: after the keyword and its flags. */
    int shellStart(Instruction run) {
        int pos = run.startOffset() + run.keyword().length();
        for (int f = 0; f < run.flags().size(); f++) {
            pos = skipBlanks(pos, run.endOffset());
            while (pos < run.endOffset() && !Character.isWhitespace(text.charAt(pos))) pos++;
        }
        return skipBlanks(pos, run.endOffset());
    }

    private int skipBlanks(int pos, int end) {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == df.escape() && pos + 1 < end && (text.charAt(pos + 1) == '\n' || text.charAt(pos + 1) == '\r')) {
                pos = lineEnd(pos);
            } else {
                break;
            }
        }
        return pos;
    }

    /** The commands of a shell-form RUN without heredocs, else empty. */
    List<ShellWords.Cmd> commands(Instruction run) {
        if (!run.keyword().equals("RUN") || run.isExecForm() || !run.heredocs().isEmpty()) return List.of();
        return ShellWords.scan(text, shellStart(run), run.endOffset(), df.escape());
    }

    int line(int offset) {
        return splices.lineOf(offset);
    }

    // ------------------------------------------------------------------ apt → apk

    private void translateToApk() {
        for (Stage st : moving) {
            for (Instruction ins : instructions(st)) {
                if (!ins.keyword().equals("RUN")) continue;
                String src = df.sourceOf(ins);
                boolean mentionsApt = src.matches("(?s).*\\b(apt-get|apt|aptitude|dpkg)\\b.*");
                if (ins.isExecForm() || !ins.heredocs().isEmpty()) {
                    if (mentionsApt) {
                        unresolved.add("line " + ins.startLine() + ": apt in an exec-form or heredoc RUN is not "
                                + "translated; write it with apk add --no-cache by hand");
                    }
                    continue;
                }
                translateRun(st, ins);
            }
        }
    }

    private void translateRun(Stage st, Instruction run) {
        int mark = splices.size();
        runNotes.clear();
        List<ShellWords.Cmd> cmds = commands(run);
        boolean[] drop = new boolean[cmds.size()];
        for (int c = 0; c < cmds.size(); c++) {
            ShellWords.Cmd cmd = cmds.get(c);
            String program = cmd.programName();
            int line = line(cmd.start());
            if (program.equals("apt-get") || program.equals("apt")) {
                drop[c] = translateApt(st, run, cmd);
            } else if (program.equals("rm")) {
                drop[c] = dropAptPaths(cmd);
            } else if (data.aptOnlyCommands.contains(program)) {
                unresolved.add("line " + line + ": " + program + " has no Alpine equivalent; the patch leaves it as is");
            }
            for (ShellWords.Word w : cmd.words()) {
                if (w.value().contains("/etc/apt/")) {
                    unresolved.add("line " + line(w.start()) + ": " + w.value() + " configures apt; Alpine has no "
                            + "such file (add the repository to /etc/apk/repositories by hand)");
                }
            }
        }
        dropCommands(run, cmds, drop, "apt's package lists are not needed with apk add --no-cache");
        if (splices.size() > mark) {
            splices.regroup(mark, "line " + run.startLine() + ": apt-get → apk"
                    + (runNotes.isEmpty() ? "" : " (" + String.join("; ", runNotes) + ")"));
        }
    }

    private final Set<String> runNotes = new LinkedHashSet<>();

    /** Removes the dropped commands with the operators that joined them; a RUN with nothing left goes entirely. */
    void dropCommands(Instruction run, List<ShellWords.Cmd> cmds, boolean[] drop, String reason) {
        boolean any = false, all = true;
        for (boolean d : drop) { any |= d; all &= d; }
        if (!any) return;
        if (all) {
            splices.delete(lineStart(run.startOffset()), lineEnd(run.endOffset()),
                    "removes the RUN on line " + run.startLine() + ": " + reason);
            return;
        }
        int i = 0;
        while (i < cmds.size()) {
            if (!drop[i]) { i++; continue; }
            int j = i;
            while (j + 1 < cmds.size() && drop[j + 1]) j++;
            if (j + 1 < cmds.size()) {
                splices.delete(lead(cmds.get(i)), lead(cmds.get(j + 1)), reason);
            } else {
                splices.delete(cmds.get(i - 1).end(), cmds.get(j).end(), reason);
            }
            i = j + 1;
        }
    }

    /** Start of a command after leading shell keywords (then, do, …), which belong to the surrounding compound. */
    private static int lead(ShellWords.Cmd cmd) {
        for (ShellWords.Word w : cmd.words()) {
            if (!Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{").contains(w.value())) return w.start();
        }
        return cmd.start();
    }

    /** @return true when the whole command is to go */
    private boolean translateApt(Stage st, Instruction run, ShellWords.Cmd cmd) {
        List<ShellWords.Word> args = cmd.args();
        ShellWords.Word verb = null;
        List<ShellWords.Word> options = new ArrayList<>();
        List<ShellWords.Word> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            ShellWords.Word a = args.get(i);
            if (a.value().startsWith("-")) {
                options.add(a);
                if (APT_VALUE_OPTIONS.contains(a.value()) && i + 1 < args.size()) options.add(args.get(++i));
            } else if (verb == null) {
                verb = a;
            } else {
                names.add(a);
            }
        }
        int line = line(cmd.start());
        String v = verb == null ? "" : verb.value();
        switch (v) {
            case "update", "clean", "autoclean", "autoremove", "auto-remove" -> { return true; }
            case "upgrade", "dist-upgrade", "full-upgrade" -> {
                splices.replace(lead(cmd), cmd.end(), "apk upgrade --no-cache", "apt-get " + v + " → apk upgrade");
                runNotes.add("apt-get " + v + " → apk upgrade");
                return false;
            }
            case "install", "reinstall", "remove", "purge" -> {
                boolean install = v.equals("install") || v.equals("reinstall");
                ShellWords.Word program = cmd.words().get(cmd.program());
                int first = lead(cmd);
                if (first < program.start()) {
                    splices.delete(first, program.start(), "apt's environment (DEBIAN_FRONTEND) means nothing to apk");
                }
                List<String> kept = new ArrayList<>();
                ShellWords.Word lastKept = null;
                List<ShellWords.Word> packageWords = new ArrayList<>();
                for (ShellWords.Word n : names) {
                    if (n.value().startsWith("$")) {
                        translateVariable(st, run, n);
                        lastKept = n;
                        continue;
                    }
                    if (n.value().endsWith(".deb") || n.value().contains("/")) {
                        unresolved.add("line " + line(n.start()) + ": " + n.value() + " is a Debian package file; apk "
                                + "cannot install it");
                        lastKept = n;
                        continue;
                    }
                    String bare = PackageTable.bare(n.value());
                    Optional<List<String>> mapped = table.namesFor(bare, "apk");
                    if (mapped.isEmpty()) {
                        unresolved.add("no Alpine package known for " + bare + " (line " + line(n.start()) + ")");
                        runNotes.add("keeps " + bare + ": no Alpine package known");
                        lastKept = n;
                        packageWords.add(n);
                        continue;
                    }
                    if (!bare.equals(n.value())) runNotes.add("pin " + n.value() + " dropped: Alpine versions differ");
                    if (mapped.get().isEmpty()) {
                        splices.delete(previousEnd(cmd, n), n.end(), bare + " is not needed on Alpine");
                        runNotes.add(bare + " not needed on Alpine");
                        continue;
                    }
                    String to = String.join(" ", mapped.get());
                    if (!to.equals(n.value())) splices.replace(n.start(), n.end(), to, bare + " → " + to);
                    if (!to.equals(bare)) runNotes.add(bare + " → " + to);
                    kept.addAll(mapped.get());
                    lastKept = n;
                    packageWords.add(n);
                }
                if (lastKept == null) {
                    return true;                      // nothing left to install: the command goes
                }
                String what = install ? "add --no-cache" : "del";
                splices.replace(program.start(), program.end(), "apk", "apt-get " + v + " → apk " + what);
                splices.replace(verb.start(), verb.end(), what, "apt-get " + v + " → apk " + what);
                for (ShellWords.Word o : options) {
                    splices.delete(previousEnd(cmd, o), o.end(), "apt options mean nothing to apk");
                }
                if (install && mergeAt < 0 && chain.contains(st)) {
                    mergeAt = lastKept.end();
                    mergeSeparator = separatorBefore(cmd, lastKept, packageWords);
                    mergeNames.addAll(kept);
                }
                return false;
            }
            default -> {
                unresolved.add("line " + line + ": apt-get " + v + " has no apk translation; the patch leaves it");
                return false;
            }
        }
    }

    /** The end of the word before {@code w} in its command (so that deleting takes the blank before it along). */
    private static int previousEnd(ShellWords.Cmd cmd, ShellWords.Word w) {
        int k = cmd.words().indexOf(w);
        return k <= 0 ? w.start() : cmd.words().get(k - 1).end();
    }

    /** How the Dockerfile separates package names in this command: " " or " \\\n    " (one per line). */
    private String separatorBefore(ShellWords.Cmd cmd, ShellWords.Word last, List<ShellWords.Word> packageWords) {
        if (packageWords.size() < 2) return " ";
        int k = cmd.words().indexOf(last);
        String between = text.substring(cmd.words().get(k - 1).end(), last.start());
        return between.contains("\n") ? between : " ";
    }

    /** $buildDeps: translate the names where the variable gets its value (this RUN, or ENV/ARG of the stage). */
    private void translateVariable(Stage st, Instruction run, ShellWords.Word word) {
        Matcher m = VARIABLE.matcher(word.value());
        if (!m.lookingAt()) return;
        String name = m.group(1);
        Pattern assignment = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "=");
        int valueStart = -1;
        Matcher a = assignment.matcher(text).region(shellStart(run), word.start());
        while (a.find()) valueStart = a.end();
        if (valueStart < 0) {
            for (Stage s : chainTo(st)) {
                for (Instruction i : instructions(s)) {
                    if (i.startOffset() > run.startOffset()) break;
                    if (!i.keyword().equals("ENV") && !i.keyword().equals("ARG")) continue;
                    Matcher e = assignment.matcher(text).region(i.startOffset(), i.endOffset());
                    if (e.find()) valueStart = e.end();
                }
            }
        }
        if (valueStart < 0) {
            unresolved.add("line " + line(word.start()) + ": cannot see the value of " + word.value()
                    + "; translate its packages to Alpine names by hand");
            return;
        }
        if (!translatedAssignments.add(valueStart)) return;
        int valueEnd;
        char q = valueStart < text.length() ? text.charAt(valueStart) : ' ';
        if (q == '"' || q == '\'') {
            valueEnd = text.indexOf(q, valueStart + 1);
            valueStart++;
        } else {
            valueEnd = valueStart;
            while (valueEnd < text.length() && !Character.isWhitespace(text.charAt(valueEnd))) valueEnd++;
        }
        if (valueEnd < 0) return;
        List<int[]> tokens = new ArrayList<>();
        Matcher t = PACKAGE_TOKEN.matcher(text).region(valueStart, valueEnd);
        while (t.find()) tokens.add(new int[] {t.start(), t.end()});
        for (int k = 0; k < tokens.size(); k++) {
            int[] tok = tokens.get(k);
            String n = text.substring(tok[0], tok[1]);
            if (n.startsWith("$")) continue;
            String bare = PackageTable.bare(n);
            Optional<List<String>> mapped = table.namesFor(bare, "apk");
            if (mapped.isEmpty()) {
                unresolved.add("no Alpine package known for " + bare + " (line " + line(tok[0]) + ", in " + name + ")");
                runNotes.add("keeps " + bare + " in " + name + ": no Alpine package known");
            } else if (mapped.get().isEmpty()) {
                int from = k > 0 ? tokens.get(k - 1)[1] : tok[0];
                int to = k > 0 ? tok[1] : (k + 1 < tokens.size() ? tokens.get(k + 1)[0] : tok[1]);
                splices.delete(from, to, bare + " is not needed on Alpine");
                runNotes.add(bare + " not needed on Alpine");
            } else {
                String to = String.join(" ", mapped.get());
                if (!to.equals(n)) splices.replace(tok[0], tok[1], to, name + ": " + bare + " → " + to);
                if (!to.equals(bare)) runNotes.add(bare + " → " + to);
            }
        }
    }

    /** The stages from the base stage down to {@code st} (its FROM chain), base first. */
    private List<Stage> chainTo(Stage st) {
        List<Stage> out = new ArrayList<>();
        Stage s = st;
        List<Stage> stages = request.graph().stages();
        while (true) {
            out.add(0, s);
            if (s.fromImage() || s.index() == request.baseStage()) break;
            s = stages.get(s.parentStage());
        }
        return out;
    }

    /** rm -rf /var/lib/apt/lists/*: the whole command goes when it removes only apt's files, else just those words. */
    private boolean dropAptPaths(ShellWords.Cmd cmd) {
        List<ShellWords.Word> paths = new ArrayList<>();
        List<ShellWords.Word> apt = new ArrayList<>();
        for (ShellWords.Word w : cmd.args()) {
            if (w.value().startsWith("-")) continue;
            paths.add(w);
            for (String p : data.aptPaths) if (w.value().startsWith(p)) { apt.add(w); break; }
        }
        if (apt.isEmpty()) return false;
        if (apt.size() == paths.size()) return true;
        for (ShellWords.Word w : apt) splices.delete(previousEnd(cmd, w), w.end(), "apt's files do not exist on Alpine");
        return false;
    }

    // ------------------------------------------------------------------ slim: merge into the own install

    private void findAptMergePoint() {
        for (Stage st : chain) {
            for (Instruction ins : instructions(st)) {
                for (ShellWords.Cmd cmd : commands(ins)) {
                    String p = cmd.programName();
                    if (!p.equals("apt-get") && !p.equals("apt")) continue;
                    List<ShellWords.Word> args = cmd.args();
                    ShellWords.Word verb = null;
                    List<ShellWords.Word> names = new ArrayList<>();
                    for (int i = 0; i < args.size(); i++) {
                        ShellWords.Word a = args.get(i);
                        if (a.value().startsWith("-")) {
                            if (APT_VALUE_OPTIONS.contains(a.value())) i++;
                        } else if (verb == null) {
                            verb = a;
                        } else {
                            names.add(a);
                        }
                    }
                    if (verb == null || !verb.value().equals("install") || names.isEmpty()) continue;
                    ShellWords.Word last = names.get(names.size() - 1);
                    mergeAt = last.end();
                    mergeSeparator = separatorBefore(cmd, last, names);
                    for (ShellWords.Word n : names) mergeNames.add(PackageTable.bare(n.value()));
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ diagnoses → packages and RUN lines

    /** Packages to install (target manager's names), in order, with the reason for each. */
    private final Map<String, String> packages = new LinkedHashMap<>();
    /** RUN lines to add at the end of the chain (pip, npm), and user lines before the USER instruction. */
    private final List<String[]> lateRuns = new ArrayList<>();
    private final Map<Integer, List<String[]>> userRuns = new TreeMap<>();

    private void repairWithPackages(Diagnosis d, String pm) {
        boolean apk = pm.equals("apk");
        Diagnosis.Provider p = provider(d);
        String missing = d.missing() == null ? "" : d.missing();
        switch (d.kind()) {
            case MISSING_PYTHON_MODULE, MISSING_NODE_MODULE -> {
                if (p == null) {
                    unresolved.add(d.kind().id() + " " + missing + ": the original does not have it either (or was "
                            + "not indexed); add it to the project's dependencies");
                } else if ("pip".equals(p.manager())) {
                    lateRuns.add(new String[] {pipInstall(p), "installs " + pinned(p, "==") + ": the original has "
                            + missing + " from pip"});
                } else if ("npm".equals(p.manager())) {
                    lateRuns.add(new String[] {npmInstall(p), "installs " + pinned(p, "@") + ": the original has "
                            + missing + " from npm"});
                } else {
                    osPackage(d, p, pm);
                }
            }
            case MISSING_SHARED_LIBRARY, MISSING_EXECUTABLE -> {
                if (p != null && p.packageName() != null && !"pip".equals(p.manager()) && !"npm".equals(p.manager())) {
                    osPackage(d, p, pm);
                } else if (d.kind() == Diagnosis.Kind.MISSING_EXECUTABLE && data.tools.containsKey(missing)) {
                    addDebian(data.tools.get(missing), pm, "adds %s: the original has the program " + missing
                            + " from it");
                } else {
                    unresolved.add(d.kind().id() + " " + missing + ": no package of the original owns it"
                            + (p == null ? "" : " (" + p.path() + ")"));
                }
            }
            case MISSING_CA_CERTIFICATES -> addDebian(data.caCertificates, pm, "adds %s: TLS needs the CA bundle");
            case MISSING_USER -> addUser(missing, apk);
            case GLIBC_ON_MUSL -> {
                if (apk) {
                    addPackage(data.glibcOnMusl, "adds %s: " + missing + " is linked against glibc; gcompat runs it on musl");
                } else {
                    unresolved.add("glibc-on-musl " + missing + ": only a musl base needs gcompat");
                }
            }
            case COMPILE_FAILURE -> compileDeps(d, p, pm);
            case LANGUAGE_VERSION_DRIFT -> unresolved.add("language-version-drift " + missing + ": rebuild the module "
                    + "for the variant's language version (no package fixes this)");
            case NO_SHELL -> unresolved.add("no-shell: this base has a shell; nothing to restructure");
            default -> unresolved.add(d.kind().id() + ": no repair is known for \"" + d.evidence() + "\"");
        }
    }

    private void osPackage(Diagnosis d, Diagnosis.Provider p, String pm) {
        String why = " it provides " + (d.missing() == null ? p.path() : d.missing());
        if ("apk".equals(p.manager())) {
            if (pm.equals("apk")) addPackage(p.packageName(), "adds %s:" + why);
            else unresolved.add(d.kind().id() + " " + d.missing() + ": the original has it from the Alpine package "
                    + p.packageName() + "; no Debian name is known");
            return;
        }
        if (p.packageName() == null) {
            unresolved.add(d.kind().id() + " " + d.missing() + ": no package of the original owns " + p.path());
            return;
        }
        addDebian(p.packageName(), pm, pm.equals("apt") ? "adds %s:" + why + " in the original"
                : "adds %s:" + why + " in the original (Debian " + p.packageName() + ")");
    }

    /** A Debian package (or several, space-separated) installed under the target's manager. */
    private void addDebian(String debian, String pm, String reason) {
        for (String name : debian.trim().split("\\s+")) {
            if (pm.equals("apt")) {
                addPackage(name, reason);
                continue;
            }
            Optional<List<String>> mapped = table.namesFor(name, "apk");
            if (mapped.isEmpty()) {
                unresolved.add("no Alpine package known for " + name);
            } else {
                for (String n : mapped.get()) addPackage(n, reason);
            }
        }
    }

    private void addPackage(String name, String reason) {
        packages.putIfAbsent(name, reason);
    }

    private void compileDeps(Diagnosis d, Diagnosis.Provider p, String pm) {
        String missing = d.missing() == null ? "" : d.missing();
        String reason = "adds %s: the build on line " + d.line() + " compiles native code"
                + (missing.isEmpty() ? "" : " (needs " + missing + ")");
        List<String> toolchain = data.toolchain.getOrDefault(pm, List.of());
        for (String n : toolchain) addPackage(n, reason);
        List<String> needs = data.compile.get(missing);
        if (needs == null && missing.contains("/")) needs = data.compile.get(missing.substring(missing.lastIndexOf('/') + 1));
        if (needs != null) {
            for (String n : needs) addDebian(n, pm, reason);
        } else if (p != null && "dpkg".equals(p.manager()) && p.packageName() != null) {
            addDebian(p.packageName(), pm, reason);
        }
        if (pm.equals("apk")) {
            NativePackages natives = NativePackages.bundled();
            for (String[] lib : librariesInstalledAt(d.line())) {
                List<String> n = natives.buildNeeds(lib[0], lib[1]);
                if (n != null) for (String x : n) addPackage(x, reason);
            }
        }
    }

    /** {ecosystem, name} of what pip/npm/gem install on a Dockerfile line. */
    private List<String[]> librariesInstalledAt(int line) {
        List<String[]> out = new ArrayList<>();
        for (Instruction ins : df.instructions()) {
            if (line < ins.startLine() || line > ins.endLine()) continue;
            for (ShellWords.Cmd cmd : commands(ins)) {
                String p = cmd.programName();
                String eco = p.startsWith("pip") || p.startsWith("python") ? "python"
                        : p.equals("npm") || p.equals("yarn") || p.equals("pnpm") ? "node"
                        : p.equals("gem") || p.equals("bundle") ? "ruby" : null;
                if (eco == null) continue;
                for (ShellWords.Word w : cmd.args()) {
                    String n = w.value().replaceAll("[=<>~!\\[@].*", "").toLowerCase(Locale.ROOT);
                    if (!n.isEmpty() && !n.startsWith("-")) out.add(new String[] {eco, n});
                }
            }
        }
        return out;
    }

    /** The provider, completed from the original's index: the dist-info's version, the dpkg owner of the path. */
    Diagnosis.Provider provider(Diagnosis d) {
        Diagnosis.Provider p = d.providedBy();
        ImageFiles files = request.original();
        if (files == null) return p;
        if (p != null && p.packageName() != null && p.version() != null) return p;
        InstalledPackage owner = null;
        if (p != null && p.path() != null) owner = files.ownerOf(p.path()).orElse(null);
        if (owner == null && d.missing() != null && (d.kind() == Diagnosis.Kind.MISSING_PYTHON_MODULE
                || d.kind() == Diagnosis.Kind.MISSING_NODE_MODULE)) {
            String top = d.missing().split("\\.")[0];
            for (InstalledPackage ip : files.packages()) {
                boolean lang = ip.manager() == InstalledPackage.Manager.PIP || ip.manager() == InstalledPackage.Manager.NPM;
                if (lang && (ip.provides().contains(top) || ip.name().equalsIgnoreCase(top))) { owner = ip; break; }
            }
        }
        if (owner == null) return p;
        String path = p != null && p.path() != null ? p.path() : owner.files().isEmpty() ? null : owner.files().get(0);
        return new Diagnosis.Provider(path, owner.name(), owner.manager().id(),
                owner.version() == null || owner.version().isEmpty() ? null : owner.version());
    }

    private static String pinned(Diagnosis.Provider p, String sep) {
        return p.version() == null ? p.packageName() : p.packageName() + sep + p.version();
    }

    /** pip as the original used it: the system pip, --user, or a venv's own pip. */
    private String pipInstall(Diagnosis.Provider p) {
        String path = p.path() == null ? "" : p.path();
        int lib = path.indexOf("/lib/python");
        String prefix = lib < 0 ? "" : path.substring(0, lib);
        String pip;
        if (prefix.isEmpty() || prefix.equals("/usr/local") || prefix.equals("/usr")) {
            pip = "pip install --no-cache-dir" + (path.contains("/dist-packages/") ? " --break-system-packages" : "");
        } else if (prefix.endsWith("/.local")) {
            pip = "pip install --no-cache-dir --user";
        } else {
            pip = prefix + "/bin/pip install --no-cache-dir";
        }
        return pip + " " + pinned(p, "==");
    }

    private static String npmInstall(Diagnosis.Provider p) {
        String path = p.path() == null ? "" : p.path();
        int nm = path.indexOf("/node_modules/");
        String dir = nm < 0 ? "" : path.substring(0, nm);
        if (dir.isEmpty() || dir.equals("/usr/local/lib") || dir.equals("/usr/lib")) {
            return "npm install -g " + pinned(p, "@");
        }
        return "npm install --no-save --prefix " + dir + " " + pinned(p, "@");
    }

    private void addUser(String user, boolean apk) {
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty() || name.chars().allMatch(Character::isDigit)) {
            unresolved.add("missing-user " + user + ": a numeric user needs no account");
            return;
        }
        String run = apk
                ? "RUN addgroup -S " + name + " && adduser -S -D -H -G " + name + " " + name
                : "RUN groupadd --system " + name + " && useradd --system --gid " + name
                + " --no-create-home --shell /usr/sbin/nologin " + name;
        int at = -1;
        for (Stage st : chain) {
            for (Instruction ins : instructions(st)) {
                if (ins.keyword().equals("USER") && ins.arguments().trim().split("[:\\s]")[0].equals(name)) {
                    at = lineStart(ins.startOffset());
                    break;
                }
            }
            if (at >= 0) break;
        }
        String reason = "creates the user " + name + ": the base has no such account";
        if (at < 0) {
            lateRuns.add(new String[] {run.substring(4), reason});
        } else {
            userRuns.computeIfAbsent(at, k -> new ArrayList<>()).add(new String[] {run, reason});
        }
    }

    private void flushPackages(String pm) {
        if (packages.isEmpty()) return;
        List<String> names = new ArrayList<>();
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : packages.entrySet()) {
            if (mergeNames.contains(e.getKey())) continue;
            names.add(e.getKey());
            byReason.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        if (names.isEmpty()) return;
        List<String> why = new ArrayList<>();
        byReason.forEach((template, list) -> why.add(template.replace("%s", String.join(" ", list))));
        String reason = String.join("; ", why);
        if (mergeAt >= 0) {
            StringBuilder add = new StringBuilder();
            for (String n : names) add.append(mergeSeparator).append(n);
            splices.insert(mergeAt, add.toString(), reason);
        } else {
            String install = pm.equalsIgnoreCase("apk")
                    ? "apk add --no-cache " + String.join(" ", names)
                    : "apt-get update && apt-get install -y --no-install-recommends " + String.join(" ", names)
                    + " && rm -rf /var/lib/apt/lists/*";
            splices.insert(baseStage().from().endOffset(), nl + "RUN " + install, reason);
        }
    }

    private void flushRuns() {
        for (Map.Entry<Integer, List<String[]>> e : userRuns.entrySet()) {
            for (String[] r : e.getValue()) splices.insert(e.getKey(), r[0] + nl, r[1]);
        }
        if (lateRuns.isEmpty()) return;
        int at = baseStage().from().endOffset();
        outer:
        for (Stage st : chain) {
            for (Instruction ins : instructions(st)) {
                if (ins.keyword().equals("USER")) break outer;
                if (Set.of("RUN", "COPY", "ADD", "WORKDIR").contains(ins.keyword())) at = ins.endOffset();
            }
        }
        for (String[] r : lateRuns) splices.insert(at, nl + "RUN " + r[0], r[1]);
    }
}
