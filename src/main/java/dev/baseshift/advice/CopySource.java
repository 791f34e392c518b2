package dev.baseshift.advice;

import dev.baseshift.dockerfile.Heredoc;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.dockerfile.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@code COPY --from} takes its files: another stage (and the image that stage roots at) or an image, and what
 * can be seen of how its binaries were built.
 *
 * @param stage   the source stage, or null when {@code --from} names an image
 * @param image   the image the files come from: the source stage's root image, or the named image
 * @param sources the source paths of the COPY
 */
record CopySource(String from, Stage stage, String image, List<String> sources) {
    private static final Set<String> PORTABLE_EXTENSIONS = Set.of("jar", "war", "ear", "class", "js", "mjs", "cjs",
            "css", "html", "htm", "json", "txt", "py", "rb", "php", "map", "svg", "png", "jpg", "ico", "md", "yaml",
            "yml", "toml", "conf", "properties", "xml", "crt", "pem");
    /** Official images built on Alpine whose tags do not say so. */
    private static final Set<String> ALPINE_BASED = Set.of("composer", "docker", "caddy", "traefik");
    private static final List<String> PORTABLE_PLACES = List.of("/dist", "dist/", "/static", "/public", "/html",
            "/assets", "/www", "zoneinfo", "ca-certificates", "/etc/ssl", "/etc/passwd", "/etc/group");

    /** The source of a COPY/ADD with {@code --from}; empty for other steps. */
    static Optional<CopySource> of(Review review, Step step) {
        Instruction ins = step.instruction();
        if (!ins.keyword().equals("COPY") && !ins.keyword().equals("ADD")) return Optional.empty();
        Optional<String> from = ins.flag("from");
        if (from.isEmpty() || from.get().isEmpty()) return Optional.empty();
        List<String> words = ins.execForm() != null ? ins.execForm() : List.of(ins.arguments().trim().split("\\s+"));
        List<String> sources = words.size() > 1 ? words.subList(0, words.size() - 1) : words;
        Optional<Stage> stage = review.stage(from.get());
        String image = stage.map(s -> review.root(s).base()).orElse(from.get());
        return Optional.of(new CopySource(from.get(), stage.orElse(null), image, List.copyOf(sources)));
    }

    /** The repository's last path part without tag or digest: {@code docker.io/library/golang:1.23} → golang. */
    String imageName() {
        String s = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        s = s.substring(s.lastIndexOf('/') + 1);
        return (s.contains(":") ? s.substring(0, s.indexOf(':')) : s).toLowerCase(Locale.ROOT);
    }

    boolean musl() {
        String i = image.toLowerCase(Locale.ROOT);
        return i.contains("alpine") || i.contains("musl") || ALPINE_BASED.contains(imageName());
    }

    boolean go() { return imageName().equals("golang") || imageName().startsWith("golang-"); }

    boolean rust() { return imageName().equals("rust"); }

    /** The build visibly made a static binary: cgo off, a musl target, or -static linking. */
    boolean staticEvident(Review review) {
        if (stage == null) return false;
        String text = buildText(review).replace(" ", "");
        return text.contains("CGO_ENABLED=0") || text.contains("CGO_ENABLED\"=\"0")
                || text.contains("-static") || text.contains("crt-static") || text.contains("-unknown-linux-musl");
    }

    /** Every source path is something that runs anywhere (jars, scripts, web assets, certificates). */
    boolean portable() {
        return !sources.isEmpty() && sources.stream().allMatch(s -> {
            String p = s.toLowerCase(Locale.ROOT);
            String ext = p.contains(".") ? p.substring(p.lastIndexOf('.') + 1) : "";
            return PORTABLE_EXTENSIONS.contains(ext) || PORTABLE_PLACES.stream().anyMatch(p::contains);
        });
    }

    /** RUN/ENV/ARG text of the source stage and its ancestors. */
    private String buildText(Review review) {
        List<Stage> chain = new ArrayList<>();
        for (Stage s = stage; ; s = review.graph().stages().get(s.parentStage())) {
            chain.add(s);
            if (s.fromImage()) break;
        }
        StringBuilder text = new StringBuilder();
        for (Stage s : chain) {
            for (Instruction ins : review.instructions(s)) {
                if (!Set.of("RUN", "ENV", "ARG").contains(ins.keyword())) continue;
                text.append(ins.arguments()).append('\n');
                for (Heredoc h : ins.heredocs()) text.append(h.content()).append('\n');
            }
        }
        return text.toString();
    }
}
