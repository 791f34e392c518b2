package dev.baseshift.repair;

import dev.baseshift.dockerfile.Dockerfile;
import dev.baseshift.dockerfile.DockerfileException;
import dev.baseshift.dockerfile.DockerfileParser;
import dev.baseshift.dockerfile.Instruction;
import dev.baseshift.plan.CommandLineSplitter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths a restructured Dockerfile copies into its runtime stage from another stage ({@code COPY --from=…} in the
 * last stage): the original's files the minimal base needs.
 */
final class CopiedPaths {
    private CopiedPaths() {}

    static Set<String> of(String dockerfile) {
        Set<String> out = new LinkedHashSet<>();
        Dockerfile df;
        try {
            df = DockerfileParser.parse("Dockerfile", dockerfile);
        } catch (DockerfileException e) {
            return out;
        }
        int last = 0;
        for (int k = 0; k < df.instructions().size(); k++) if (df.instructions().get(k).keyword().equals("FROM")) last = k;
        for (Instruction i : df.instructions().subList(last, df.instructions().size())) {
            if (!i.keyword().equals("COPY") || i.flag("from").isEmpty()) continue;
            List<String> words;
            if (i.isExecForm()) {
                words = new ArrayList<>(i.execForm());
            } else {
                try {
                    words = new ArrayList<>(CommandLineSplitter.split(i.arguments()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
            }
            words.removeIf(w -> w.startsWith("--"));
            for (int k = 0; k < words.size() - 1; k++) {
                String w = words.get(k);
                if (w.startsWith("/")) out.add(w.length() > 1 && w.endsWith("/") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}
