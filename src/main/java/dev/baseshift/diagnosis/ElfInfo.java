package dev.baseshift.diagnosis;

import java.util.List;

/**
 * What the dynamic loader needs to start an ELF file.
 *
 * @param interpreter PT_INTERP, e.g. "/lib64/ld-linux-x86-64.so.2" (glibc) or "/lib/ld-musl-x86_64.so.1" (musl);
 *                    null for static executables and most shared libraries
 * @param needed      DT_NEEDED sonames in file order
 * @param soname      DT_SONAME or null
 * @param machine     e_machine as a name ("x86-64", "aarch64", …)
 */
public record ElfInfo(String path, boolean is64Bit, String machine, String interpreter, List<String> needed,
                      String soname) {
    public ElfInfo {
        needed = List.copyOf(needed);
    }

    public boolean staticExecutable() {
        return interpreter == null && needed.isEmpty();
    }

    public boolean wantsGlibc() {
        return interpreter != null && interpreter.contains("ld-linux");
    }

    public boolean wantsMusl() {
        return interpreter != null && interpreter.contains("ld-musl");
    }
}
