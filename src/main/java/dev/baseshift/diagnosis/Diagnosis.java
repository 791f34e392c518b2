package dev.baseshift.diagnosis;

import java.util.Locale;

/**
 * Why a variant failed, from evidence.
 *
 * @param kind       what kind of failure
 * @param evidence   the line of output (or the fact from the image index) that shows it, verbatim
 * @param missing    the missing piece in the user's words: a module ("numpy"), a soname ("libpq.so.5"), an
 *                   executable ("curl"), a user ("app"), a header ("Python.h"), …; may be empty for NO_SHELL
 * @param providedBy where the original has it; null when the original does not have it (or was not indexed)
 * @param line       1-based Dockerfile line of the failing instruction (build failures), else 0
 * @param probe      the probe's name for probe failures, else null
 */
public record Diagnosis(Kind kind, String evidence, String missing, Provider providedBy, int line, String probe) {

    public enum Kind {
        MISSING_PYTHON_MODULE, MISSING_NODE_MODULE, MISSING_SHARED_LIBRARY, MISSING_EXECUTABLE, NO_SHELL,
        GLIBC_ON_MUSL, COMPILE_FAILURE, MISSING_CA_CERTIFICATES, MISSING_USER, LANGUAGE_VERSION_DRIFT, UNKNOWN;

        /** JSON spelling: missing-python-module, glibc-on-musl, … */
        public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /**
     * @param path        the file in the original image ("/usr/lib/python3/dist-packages/numpy/__init__.py")
     * @param packageName the owner under its manager ("python3-numpy"); null when no database owns the path
     * @param manager     "dpkg", "apk", "pip", "npm", or null
     * @param version     the owner's version, may be null
     */
    public record Provider(String path, String packageName, String manager, String version) {}
}
