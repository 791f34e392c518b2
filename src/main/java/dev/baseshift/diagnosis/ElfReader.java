package dev.baseshift.diagnosis;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the dynamic loader needs from an ELF file's headers — e_machine, PT_INTERP, and from PT_DYNAMIC the
 * DT_NEEDED and DT_SONAME strings — for 32- and 64-bit files of either byte order. Reads only the header, the
 * program headers, the interpreter string, the dynamic section and the strings it names.
 */
public final class ElfReader {
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_SONAME = 14;
    private static final int MAX_PROGRAM_HEADERS = 4096;
    private static final int MAX_DYNAMIC_BYTES = 1 << 20;
    private static final int MAX_STRING = 4096;

    private static final Map<Integer, String> MACHINES = Map.ofEntries(
            Map.entry(2, "sparc"), Map.entry(3, "x86"), Map.entry(8, "mips"), Map.entry(20, "ppc"),
            Map.entry(21, "ppc64"), Map.entry(22, "s390x"), Map.entry(40, "arm"), Map.entry(43, "sparcv9"),
            Map.entry(62, "x86-64"), Map.entry(183, "aarch64"), Map.entry(243, "riscv"),
            Map.entry(258, "loongarch"));

    /** Random access to a file's bytes. A read past the end, or past what the source may hold, returns fewer. */
    public interface Source {
        byte[] read(long offset, int length) throws IOException;
    }

    private ElfReader() {}

    public static Source of(byte[] bytes) {
        return (offset, length) -> {
            if (offset < 0 || offset >= bytes.length) return new byte[0];
            int end = (int) Math.min(bytes.length, offset + (long) length);
            return Arrays.copyOfRange(bytes, (int) offset, end);
        };
    }

    public static Source of(RandomAccessFile file) {
        return (offset, length) -> {
            if (offset < 0 || offset >= file.length()) return new byte[0];
            byte[] buf = new byte[(int) Math.min(length, file.length() - offset)];
            file.seek(offset);
            file.readFully(buf);
            return buf;
        };
    }

    /**
     * @return empty when the file is not ELF, or when the parts named above cannot all be read (truncated,
     *         malformed, or beyond what the source holds) — so an empty DT_NEEDED always means "none", not "unknown"
     */
    public static Optional<ElfInfo> read(String path, Source source) throws IOException {
        byte[] ident = source.read(0, 64);
        if (ident.length < 52 || ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
            return Optional.empty();
        }
        boolean is64 = ident[4] == 2;
        if (!is64 && ident[4] != 1) return Optional.empty();
        boolean little = ident[5] == 1;
        if (!little && ident[5] != 2) return Optional.empty();
        Reader h = new Reader(ident, little);
        if (is64 && ident.length < 64) return Optional.empty();
        int machineCode = h.u16(18);
        String machine = MACHINES.getOrDefault(machineCode, "elf-machine-" + machineCode);
        long phoff = is64 ? h.u64(32) : h.u32(28);
        int phentsize = h.u16(is64 ? 54 : 42);
        int phnum = h.u16(is64 ? 56 : 44);
        if (phnum > MAX_PROGRAM_HEADERS || phentsize < (is64 ? 56 : 32) || phentsize > 256) return Optional.empty();

        byte[] phBytes = source.read(phoff, phnum * phentsize);
        if (phBytes.length < phnum * phentsize) return Optional.empty();
        Reader ph = new Reader(phBytes, little);
        List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
        long interpOff = -1, interpSize = 0, dynOff = -1, dynSize = 0;
        for (int i = 0; i < phnum; i++) {
            int b = i * phentsize;
            int type = (int) ph.u32(b);
            long offset = is64 ? ph.u64(b + 8) : ph.u32(b + 4);
            long vaddr = is64 ? ph.u64(b + 16) : ph.u32(b + 8);
            long filesz = is64 ? ph.u64(b + 32) : ph.u32(b + 16);
            switch (type) {
                case PT_LOAD -> loads.add(new long[] {vaddr, offset, filesz});
                case PT_INTERP -> { interpOff = offset; interpSize = filesz; }
                case PT_DYNAMIC -> { dynOff = offset; dynSize = filesz; }
                default -> { }
            }
        }
        String interpreter = null;
        if (interpOff >= 0) {
            byte[] s = source.read(interpOff, (int) Math.min(interpSize, MAX_STRING));
            if (s.length < Math.min(interpSize, MAX_STRING)) return Optional.empty();
            interpreter = cString(s, 0);
        }
        List<String> needed = new ArrayList<>();
        String soname = null;
        if (dynOff >= 0 && dynSize > 0) {
            if (dynSize > MAX_DYNAMIC_BYTES) return Optional.empty();
            byte[] dyn = source.read(dynOff, (int) dynSize);
            if (dyn.length < dynSize) return Optional.empty();
            Reader d = new Reader(dyn, little);
            int entry = is64 ? 16 : 8;
            long strtab = -1, strsz = 0;
            List<Long> neededOffsets = new ArrayList<>();
            long sonameOffset = -1;
            for (int at = 0; at + entry <= dyn.length; at += entry) {
                long tag = is64 ? d.u64(at) : d.u32(at);
                long val = is64 ? d.u64(at + 8) : d.u32(at + 4);
                if (tag == DT_NULL) break;
                if (tag == DT_NEEDED) neededOffsets.add(val);
                else if (tag == DT_STRTAB) strtab = val;
                else if (tag == DT_STRSZ) strsz = val;
                else if (tag == DT_SONAME) sonameOffset = val;
            }
            if (!neededOffsets.isEmpty() || sonameOffset >= 0) {
                long strOff = fileOffset(loads, strtab);
                if (strOff < 0 || strsz <= 0) return Optional.empty();
                for (long o : neededOffsets) {
                    String s = string(source, strOff, strsz, o);
                    if (s == null) return Optional.empty();
                    needed.add(s);
                }
                if (sonameOffset >= 0) {
                    soname = string(source, strOff, strsz, sonameOffset);
                    if (soname == null) return Optional.empty();
                }
            }
        }
        return Optional.of(new ElfInfo(path, is64, machine, interpreter, needed, soname));
    }

    /** A virtual address's offset in the file, through the PT_LOAD segment that maps it; -1 when none does. */
    private static long fileOffset(List<long[]> loads, long vaddr) {
        for (long[] l : loads) {
            if (vaddr >= l[0] && vaddr < l[0] + l[2]) return vaddr - l[0] + l[1];
        }
        return -1;
    }

    private static String string(Source source, long strtab, long strsz, long offset) throws IOException {
        if (offset < 0 || offset >= strsz) return null;
        byte[] s = source.read(strtab + offset, (int) Math.min(MAX_STRING, strsz - offset));
        if (s.length == 0) return null;
        int end = 0;
        while (end < s.length && s[end] != 0) end++;
        if (end == s.length && s.length < Math.min(MAX_STRING, strsz - offset)) return null; // cut short
        return new String(s, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static String cString(byte[] b, int at) {
        int end = at;
        while (end < b.length && b[end] != 0) end++;
        return new String(b, at, end - at, StandardCharsets.ISO_8859_1);
    }

    private record Reader(byte[] b, boolean little) {
        int u16(int at) {
            return little ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 : (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        }

        long u32(int at) {
            long lo = u16(at), hi = u16(at + 2);
            return little ? lo | hi << 16 : lo << 16 | hi;
        }

        long u64(int at) {
            long lo = u32(at), hi = u32(at + 4);
            return little ? lo | hi << 32 : lo << 32 | hi;
        }
    }
}
