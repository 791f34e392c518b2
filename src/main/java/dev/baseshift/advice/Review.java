package dev.baseshift.advice;

import dev.baseshift.catalog.BaseMatch;
import dev.baseshift.catalog.BaseTraits;
import dev.baseshift.catalog.Tier;
import dev.baseshift.catalog.TierOption;
import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;
import dev.baseshift.dockerfile.StageGraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One variant under review: the Dockerfile, the base it moves to, and the steps that would run on that base (every
 * instruction of every stage whose FROM chain roots at the base stage, ONBUILD triggers included). Rules read it and
 * report findings into it.
 */
final class Review {
    private static final Pattern PASSWD_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*):x:\\d+:");

    private final Dockerfile dockerfile;
    private final StageGraph graph;
    private final BaseMatch from;
    private final TierOption target;
    private final Set<Integer> affected = new LinkedHashSet<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<Integer, StageState.Log> endStates = new HashMap<>();
    private final Map<Integer, List<Instruction>> stageInstructions = new HashMap<>();
    private final Set<Finding> findings = new LinkedHashSet<>();

    Review(Dockerfile dockerfile, StageGraph graph, BaseMatch from, TierOption target) {
        this.dockerfile = dockerfile;
        this.graph = graph;
        this.from = from;
        this.target = target;
        splitStages();
        int base = graph.baseStage().index();
        for (Stage s : graph.stages()) {
            // stages after the final one are never built; the rest move with the base when their chain roots there
            if (s.index() <= graph.finalStage() && root(s).index() == base) affected.add(s.index());
        }
        for (int index : affected) walk(graph.stages().get(index));
    }

    Dockerfile dockerfile() { return dockerfile; }

    StageGraph graph() { return graph; }

    /** What the catalog knows of the original base; null when its family is unknown. */
    BaseMatch from() { return from; }

    TierOption target() { return target; }

    /** The target's traits; rules that need them only run when they are known. */
    BaseTraits traits() { return target.traits(); }

    String targetImage() { return target.image(); }

    /** The target's C library, null when it has none. */
    String libc() {
        String libc = traits() == null ? null : traits().libc();
        return libc == null || libc.equalsIgnoreCase("none") ? null : libc.toLowerCase(Locale.ROOT);
    }

    /** The traits of the original base, when the catalog knows its family. */
    Optional<BaseTraits> originalTraits() {
        if (from == null) return Optional.empty();
        return from.spectrum().stream().filter(o -> o.tier() == from.tier() && o.traits() != null)
                .map(TierOption::traits).findFirst();
    }

    Stage baseStage() { return graph.baseStage(); }

    /** Steps that run on the new base, in file order. */
    List<Step> steps() { return steps; }

    boolean affected(Stage s) { return affected.contains(s.index()); }

    /** True when the target is scratch (an empty image). */
    boolean scratch() {
        return target.tier() == Tier.SCRATCH || target.image().trim().equalsIgnoreCase("scratch");
    }

    /** Alpine-like: a shell that is busybox ash, musl libc, apk. */
    boolean busybox() {
        BaseTraits t = traits();
        return t != null && t.shell() && ("apk".equalsIgnoreCase(t.packageManager()) || "musl".equalsIgnoreCase(t.libc()));
    }

    Optional<PackageManager> targetManager() {
        return traits() == null ? Optional.empty() : PackageManager.ofTrait(traits().packageManager());
    }

    /** Steps of the stages the final image is made of (base stage to final stage), without ONBUILD triggers. */
    List<Step> finalChainSteps() {
        Set<Integer> chain = new LinkedHashSet<>();
        Stage s = graph.stages().get(graph.finalStage());
        while (true) {
            chain.add(s.index());
            if (s.fromImage()) break;
            s = graph.stages().get(s.parentStage());
        }
        return steps.stream().filter(st -> chain.contains(st.stage().index()) && !st.onbuild()).toList();
    }

    /** The last step with this keyword in the final image's chain: the one that decides the image's config. */
    Optional<Step> effective(String keyword) {
        List<Step> chain = finalChainSteps();
        for (int i = chain.size() - 1; i >= 0; i--) if (chain.get(i).keyword().equals(keyword)) return Optional.of(chain.get(i));
        return Optional.empty();
    }

    /** The state at the end of the final stage: everything the final image was given. */
    StageState finalState() {
        StageState.Log log = endStates.get(graph.finalStage());
        return log == null ? StageState.empty() : log.state();
    }

    /** The stage a {@code --from} names (by name or index), or empty for an image reference. */
    Optional<Stage> stage(String ref) {
        for (Stage s : graph.stages()) {
            if (s.name() != null && s.name().equalsIgnoreCase(ref)) return Optional.of(s);
        }
        if (ref.matches("\\d+")) {
            int i = Integer.parseInt(ref);
            if (i < graph.stages().size()) return Optional.of(graph.stages().get(i));
        }
        return Optional.empty();
    }

    Stage root(Stage s) {
        while (!s.fromImage()) s = graph.stages().get(s.parentStage());
        return s;
    }

    /** All instructions of a stage after its FROM. */
    List<Instruction> instructions(Stage s) {
        return stageInstructions.getOrDefault(s.index(), List.of());
    }

    /** A name for a builder stage in fix texts: an existing stage that stays on its own image, else "build". */
    String builderName() {
        Optional<String> existing = graph.stages().stream().filter(s -> !affected(s) && s.name() != null)
                .map(Stage::name).findFirst();
        if (existing.isPresent()) return existing.get();
        boolean taken = graph.stages().stream().anyMatch(s -> "build".equalsIgnoreCase(s.name()));
        return taken ? "builder" : "build";
    }

    void report(Step step, String rule, Severity severity, int line, String message, String fix) {
        if (step != null && step.onbuild()) {
            // a trigger runs in a later build on top of this image, so it cannot break this build
            severity = severity == Severity.ERROR ? Severity.WARNING : severity;
            message = "ONBUILD trigger (runs when an image is built FROM this one): " + message;
        }
        findings.add(new Finding(rule, severity, line, message, fix));
    }

    List<Finding> findings() {
        return findings.stream()
                .sorted(Comparator.comparingInt(Finding::line).thenComparing(Finding::severity)
                        .thenComparing(Finding::rule))
                .toList();
    }

    private void splitStages() {
        List<Stage> stages = graph.stages();
        for (int i = 0; i < stages.size(); i++) {
            int start = stages.get(i).from().startOffset();
            int end = i + 1 < stages.size() ? stages.get(i + 1).from().startOffset() : Integer.MAX_VALUE;
            List<Instruction> list = new ArrayList<>();
            for (Instruction ins : dockerfile.instructions()) {
                if (ins.startOffset() > start && ins.startOffset() < end) list.add(ins);
            }
            stageInstructions.put(i, list);
        }
    }

    private void walk(Stage stage) {
        StageState.Log state = stage.fromImage() || !endStates.containsKey(stage.parentStage())
                ? new StageState.Log() : endStates.get(stage.parentStage()).inherit();
        for (Instruction ins : instructions(stage)) {
            boolean onbuild = ins.keyword().equals("ONBUILD");
            Instruction effective = onbuild ? HealthCheck.trigger(ins) : ins;
            Step step = new Step(stage, effective, state.state(), onbuild, source(ins));
            steps.add(step);
            if (!onbuild) apply(step, state);
        }
        endStates.put(stage.index(), state);
    }

    private String source(Instruction ins) {
        String text = dockerfile.text();
        int start = Math.max(0, Math.min(ins.startOffset(), text.length()));
        int end = Math.max(start, Math.min(ins.endOffset(), text.length()));
        return text.substring(start, end);
    }

    /** Records what a step sets up, for the steps after it. */
    private void apply(Step step, StageState.Log state) {
        Instruction ins = step.instruction();
        switch (ins.keyword()) {
            case "SHELL" -> {
                if (ins.execForm() != null && !ins.execForm().isEmpty()) {
                    state.shell(ins.execForm(), ins.startLine());
                }
            }
            case "ENV", "ARG" -> readAssignments(ins.arguments(), ins.keyword().equals("ENV"), state.env());
            case "COPY", "ADD" -> {
                List<String> words = ins.execForm() != null ? ins.execForm() : List.of(ins.arguments().split("\\s+"));
                words.forEach(w -> state.addPath(w.toLowerCase(Locale.ROOT)));
            }
            case "RUN" -> {
                PackageTable table = PackageTable.bundled();
                for (Command c : step.commands()) {
                    PackageCommand.of(c).filter(p -> p.action() == PackageCommand.Action.INSTALL)
                            .ifPresent(p -> p.packages().stream().flatMap(n -> step.expand(n).stream())
                                    .forEach(n -> table.equivalents(n).forEach(state::addPackage)));
                    UserCommand.of(c).filter(UserCommand::createsUser)
                            .ifPresent(u -> u.createdName().ifPresent(state::addUser));
                    c.env().forEach(state.env()::putIfAbsent);
                }
                for (Step.Script s : step.scripts()) {
                    if (!s.text().contains("/etc/passwd")) continue;
                    Matcher m = PASSWD_LINE.matcher(s.text());
                    while (m.find()) state.addUser(m.group(1));
                }
            }
            default -> { }
        }
    }

    private static void readAssignments(String text, boolean env, Map<String, String> into) {
        List<Command> parsed = ShellScript.parse("true " + text);
        List<String> words = parsed.isEmpty() ? List.of() : parsed.get(0).args();
        if (env && words.size() >= 2 && !words.get(0).contains("=")) {
            into.put(words.get(0), String.join(" ", words.subList(1, words.size())));   // legacy ENV KEY value
            return;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq > 0) into.put(w.substring(0, eq), w.substring(eq + 1));
            else if (!env) into.putIfAbsent(w, "");
        }
    }
}
