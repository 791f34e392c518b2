package dev.baseshift.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.catalog.Tier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build failures told once: variants that fail for the same cause are one group ("all 4 variants fail at line 5:
 * `apt-get update` could not resolve deb.debian.org — no network in builds?"), led by the root-cause line of the log
 * rather than the builder's last words. The causes are data ({@code failure-causes.json}); the app and the command
 * line both use this.
 */
public final class FailureSummary {
    private FailureSummary() {}

    /**
     * Variants that failed the same way.
     *
     * @param cause   the root cause in words ("could not resolve deb.debian.org"), never blank
     * @param command the failing RUN command when the builder named it, else null
     * @param line    the failing instruction's Dockerfile line, 0 when unknown
     * @param tiers   the variants, in the order given
     * @param hint    a short guess at the fix, or null
     * @param of      how many variants were compared (for "all 4 variants")
     */
    public record Group(String cause, String command, int line, List<Tier> tiers, String hint, int of) {
        public Group {
            tiers = List.copyOf(tiers);
        }

        /** "all 4 variants fail at line 5: `apt-get update` could not resolve deb.debian.org — no network in builds?" */
        public String sentence() {
            String who;
            if (tiers.size() == of && of > 1) who = (of == 2 ? "both" : "all " + of) + " variants fail";
            else if (tiers.size() == 1) who = tiers.get(0).id() + " fails";
            else who = String.join(", ", tiers.stream().map(Tier::id).toList()) + " fail";
            return who + (line > 0 ? " at line " + line : "") + ": "
                    + (command != null ? "`" + command + "` " : "") + cause + (hint != null ? " — " + hint : "");
        }
    }

    /** The variants whose build failed, grouped by cause (first failure first); the builder's error only. */
    public static List<Group> group(List<VariantResult> results) {
        return group(results, tier -> List.of());
    }

    /** Likewise, reading each variant's build log (as streamed) for the root cause as well. */
    public static List<Group> group(List<VariantResult> results, Function<Tier, List<String>> logs) {
        Map<String, List<Tier>> tiers = new LinkedHashMap<>();
        Map<String, Cause> causes = new LinkedHashMap<>();
        for (VariantResult r : results) {
            if (r.status() != VariantStatus.BUILD_FAILED) continue;
            List<String> log = logs.apply(r.tier());
            Cause c = cause(r.error(), log == null ? List.of() : log, r.variant().dockerfile());
            String key = c.cause + "\u0000" + c.command + "\u0000" + c.line;
            causes.putIfAbsent(key, c);
            tiers.computeIfAbsent(key, k -> new ArrayList<>()).add(r.tier());
        }
        List<Group> out = new ArrayList<>();
        causes.forEach((key, c) -> out.add(new Group(c.cause, c.command, c.line, tiers.get(key), c.hint,
                results.size())));
        return out;
    }

    /** One failure's root cause, command and line. */
    /** @param network the build could not reach the network (a name did not resolve): its fix is the build's network */
    public record Cause(String cause, String command, int line, String hint, boolean network) {
        public Cause(String cause, String command, int line, String hint) {
            this(cause, command, line, hint, false);
        }
    }

    /**
     * The root cause of one build failure.
     *
     * @param dockerfile the variant's Dockerfile text, to find the failing command's line; may be null
     */
    public static Cause cause(String error, List<String> log, String dockerfile) {
        List<String> lines = new ArrayList<>();
        for (String l : log) lines.addAll(List.of(stripAnsi(l).split("\\R")));
        if (error != null) lines.addAll(List.of(stripAnsi(error).split("\\R")));
        lines.replaceAll(String::strip);
        lines.removeIf(String::isEmpty);

        String command = null;
        int code = -1;
        int line = 0;
        for (String l : lines) {
            if (command == null) {
                Matcher classic = CLASSIC_STEP.matcher(l);
                Matcher buildKit = BUILDKIT_STEP.matcher(l);
                if (classic.find()) {
                    command = shellCommand(classic.group(1));
                    code = Integer.parseInt(classic.group(2));
                } else if (buildKit.find()) {
                    command = shellCommand(buildKit.group(1).replace("\\\"", "\""));
                    code = Integer.parseInt(buildKit.group(2));
                }
            }
            Matcher at = BUILDKIT_LINE.matcher(l);
            if (line == 0 && at.find()) line = Integer.parseInt(at.group(1));
        }
        if (line == 0 && command != null && dockerfile != null) line = lineOf(command, dockerfile);

        for (Known k : known()) {
            for (String l : lines) {
                Matcher m = k.pattern.matcher(l);
                if (m.find()) return new Cause(fill(k.says, m), command, line, k.hint, k.network);
            }
        }
        String generic = null;
        for (String l : lines) {
            if (GENERIC.matcher(l).find() && !CLASSIC_STEP.matcher(l).find() && !BUILDKIT_STEP.matcher(l).find()) {
                generic = l;
                break;
            }
        }
        if (generic == null && command != null) generic = "exited with code " + code;
        if (generic == null) generic = lines.isEmpty() ? "the build failed" : lines.get(lines.size() - 1);
        if (generic.length() > 200) generic = generic.substring(0, 199) + "…";
        return new Cause(generic, command, line, null);
    }

    /**
     * Text without terminal escape codes (colours, cursor moves), and for a line redrawn with carriage returns only
     * what it finally showed.
     */
    public static String stripAnsi(String text) {
        return dev.baseshift.diagnosis.TerminalText.plain(text);
    }

    private static final Pattern CLASSIC_STEP = Pattern.compile("The command '(.+)' returned a non-zero code: (\\d+)");
    private static final Pattern BUILDKIT_STEP = Pattern.compile(
            "process \"((?:[^\"\\\\]|\\\\.)+)\" did not complete successfully: exit code: (\\d+)");
    private static final Pattern BUILDKIT_LINE = Pattern.compile("\\bDockerfile(?:\\.[\\w.-]+)?:(\\d+)\\b");
    private static final Pattern GENERIC = Pattern.compile("^(?:E: |fatal:|npm ERR!)|\\berror\\b",
            Pattern.CASE_INSENSITIVE);

    private static String shellCommand(String cmd) {
        String c = cmd.strip();
        for (String prefix : List.of("/bin/sh -c ", "/bin/bash -c ", "sh -c ")) {
            if (c.startsWith(prefix)) return c.substring(prefix.length()).strip();
        }
        return c;
    }

    /** The line of the RUN that runs {@code command} (its first words are enough: continuations are joined). */
    static int lineOf(String command, String dockerfile) {
        String head = command.length() > 30 ? command.substring(0, 30) : command;
        String[] lines = dockerfile.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.toUpperCase(Locale.ROOT).startsWith("RUN") && l.contains(head.strip())) return i + 1;
        }
        String first = head.split("\\s+")[0];
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.toUpperCase(Locale.ROOT).startsWith("RUN") && l.contains(first)) return i + 1;
        }
        return 0;
    }

    private static String fill(String template, Matcher m) {
        String s = template;
        for (int g = 1; g <= m.groupCount(); g++) {
            String v = m.group(g);
            s = s.replace("{" + g + "}", v == null ? "" : v);
        }
        return s.replaceAll("\\s+", " ").strip();
    }

    private record Known(Pattern pattern, String says, String hint, boolean network) {}

    private static volatile List<Known> known;

    private static List<Known> known() {
        List<Known> k = known;
        if (k == null) known = k = load();
        return k;
    }

    private static List<Known> load() {
        try (InputStream in = FailureSummary.class.getResourceAsStream("/dev/baseshift/compare/failure-causes.json")) {
            if (in == null) throw new IOException("failure-causes.json is missing from the jar");
            JsonNode root = new ObjectMapper().readTree(in);
            List<Known> out = new ArrayList<>();
            for (JsonNode c : root.path("causes")) {
                JsonNode hint = c.get("hint");
                out.add(new Known(Pattern.compile(c.path("pattern").asText()), c.path("says").asText(),
                        hint == null || hint.isNull() ? null : hint.asText(), c.path("network").asBoolean(false)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
