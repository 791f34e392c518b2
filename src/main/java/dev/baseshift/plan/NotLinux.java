package dev.baseshift.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Bases that are not Linux images (Windows), from {@code not-linux.json}: what the plan says of them. */
final class NotLinux {
    private record Entry(Pattern pattern, String says) {}

    private static final List<Entry> ENTRIES = load();

    private NotLinux() {}

    /** The sentence for {@code ref} when it names a non-Linux image, else null. */
    static String says(String ref) {
        for (Entry e : ENTRIES) if (e.pattern.matcher(ref).find()) return e.says;
        return null;
    }

    private static List<Entry> load() {
        try (InputStream in = NotLinux.class.getResourceAsStream("/dev/baseshift/plan/not-linux.json")) {
            if (in == null) throw new IOException("not-linux.json is missing from the jar");
            JsonNode root = new ObjectMapper().readTree(in);
            List<Entry> out = new ArrayList<>();
            for (JsonNode b : root.path("bases")) {
                out.add(new Entry(Pattern.compile(b.path("pattern").asText()), b.path("says").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
