package dev.baseshift.dockerfile;

import dev.baseshift.catalog.Tier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Saves a variant as {@code Dockerfile.<tier>} beside the original — the only write BaseShift makes in a project.
 * The file appears whole or not at all, and an existing file is replaced only when the caller says so.
 */
public final class VariantFiles {
    private VariantFiles() {}

    /** Where the variant of {@code dockerfileRelPath} for {@code tier} goes: {@code app/Dockerfile} → {@code app/Dockerfile.slim}. */
    public static Path target(Path projectDir, String dockerfileRelPath, Tier tier) {
        if (tier == Tier.ORIGINAL) throw new IllegalArgumentException("the original is the user's own Dockerfile; it has no variant file");
        Path root = projectDir.toAbsolutePath().normalize();
        Path original = root.resolve(dockerfileRelPath).normalize();
        if (!original.startsWith(root) || original.equals(root)) {
            throw new IllegalArgumentException("the Dockerfile path '" + dockerfileRelPath + "' is not inside " + root);
        }
        return original.resolveSibling(original.getFileName() + "." + tier.id());
    }

    /**
     * @param overwrite replace an existing variant file (the user confirmed); otherwise never touch it
     * @return the written file
     * @throws FileAlreadyExistsException (naming the path) when the file exists and {@code overwrite} is false
     */
    public static Path save(Path projectDir, String dockerfileRelPath, Tier tier, String text, boolean overwrite)
            throws IOException {
        Path target = target(projectDir, dockerfileRelPath, tier);
        if (!overwrite && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a variant file is already there; not overwriting it");
        }
        // Write beside the target so the final step is a rename within one directory (atomic on POSIX file systems).
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            copyPermissions(target.resolveSibling(stripTier(target)), temp);
            if (overwrite) {
                moveReplacing(temp, target);
            } else {
                // A hard link fails if the name exists, so a file created since the check above is never clobbered.
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    throw new FileAlreadyExistsException(target.toString(), null, "a variant file appeared there; not overwriting it");
                } catch (UnsupportedOperationException | FileSystemException e) {
                    Files.move(temp, target);                  // no hard links here: a plain rename, still no replace
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static String stripTier(Path target) {
        String name = target.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Temp files are private (0600); the variant gets the original Dockerfile's permissions instead. */
    private static void copyPermissions(Path original, Path temp) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.exists(original) ? Files.getPosixFilePermissions(original)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions are all there is
        }
    }

    private static void moveReplacing(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
