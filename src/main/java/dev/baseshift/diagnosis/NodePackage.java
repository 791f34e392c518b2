package dev.baseshift.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Reads an installed npm package: {@code …/node_modules/NAME/package.json} or {@code …/node_modules/@SCOPE/NAME/…}. */
public final class NodePackage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodePackage() {}

    /** True for a package.json that is a package's own (directly in a node_modules entry), not one of its files. */
    public static boolean isPackageJson(String path) {
        if (!LayerPath.name(path).equals("package.json")) return false;
        String folder = LayerPath.parent(path);
        String up = LayerPath.parent(folder);
        if (LayerPath.name(up).equals("node_modules")) return !LayerPath.name(folder).startsWith("@");
        return LayerPath.name(up).startsWith("@") && LayerPath.name(LayerPath.parent(up)).equals("node_modules");
    }

    /**
     * @param packageJson path of the package.json
     * @param files       the files under the package folder (its own, not those of nested node_modules)
     * @return empty when the JSON is unreadable
     */
    public static Optional<InstalledPackage> read(String packageJson, byte[] content, List<String> files) {
        String folder = LayerPath.parent(packageJson);
        String fallback = LayerPath.name(LayerPath.parent(folder)).startsWith("@")
                ? LayerPath.name(LayerPath.parent(folder)) + "/" + LayerPath.name(folder) : LayerPath.name(folder);
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject()) return Optional.empty();
            String name = root.path("name").isTextual() ? root.path("name").asText() : fallback;
            String version = root.path("version").isTextual() ? root.path("version").asText() : "";
            return Optional.of(new InstalledPackage(name, version, InstalledPackage.Manager.NPM, files,
                    List.of(name)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
