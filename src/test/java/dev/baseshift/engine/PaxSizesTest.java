package dev.baseshift.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The layer stream that lets commons-compress read sparse files of 2 GiB and more: everything else untouched. */
class PaxSizesTest {

    @Test
    void anOrdinaryArchiveWithPaxLongNamesPassesByteForByteWhateverTheReadSizes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < 40; i++) {
                String name = "dir/" + "long-name-".repeat(i % 3 == 0 ? 15 : 1) + i + ".bin";
                byte[] data = new byte[random.nextInt(3000)];
                random.nextBytes(data);
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        byte[] original = bytes.toByteArray();
        // odd read sizes: headers and content split across reads
        InputStream through = new PaxSizes(new ByteArrayInputStream(original));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[333];
        int n;
        while ((n = through.read(buf, 0, 1 + random.nextInt(buf.length))) > 0) out.write(buf, 0, n);
        assertThat(out.toByteArray()).isEqualTo(original);

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new PaxSizes(new ByteArrayInputStream(original)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) names.add(e.getName());
        }
        assertThat(names).hasSize(40).contains("dir/" + "long-name-".repeat(15) + "39.bin");
    }

    @Test
    void aTwoGibSparseFileReadsAsAPlainEntryWithItsTrueNameAndSize() throws Exception {
        byte[] layer;
        try (InputStream in = PaxSizesTest.class.getResourceAsStream("sparse-2g-layer.tar")) {
            layer = in.readAllBytes();
        }
        PaxSizes sizes = new PaxSizes(new ByteArrayInputStream(layer));
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(sizes)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                PaxSizes.Sparse s = sizes.takeSparse();
                seen.add(s == null ? e.getName() + " " + e.getSize() : s.name() + " " + s.size() + " (sparse)");
            }
        }
        assertThat(seen).containsExactly("data/ 0", "data/huge.img 2147483648 (sparse)", "data/after 3");
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void hostilePaxRecordsNeitherCrashNorLoop() throws Exception {
        byte[] header = paxHeader("99999999999999999999 GNU.sparse.realsize=1\n7 x=\n 12 size=abc\n");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new PaxSizes(new ByteArrayInputStream(header)))) {
            try {
                while (tar.getNextEntry() != null) { /* whatever commons-compress makes of it */ }
            } catch (IOException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    /** One PAX header block with {@code records} as content, then end-of-archive. */
    private static byte[] paxHeader(String records) {
        byte[] content = records.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[512 + (content.length + 511) / 512 * 512 + 1024];
        byte[] name = "./PaxHeaders/x".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, out, 0, name.length);
        byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, out, 124, size.length);
        out[156] = 'x';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, out, 257, 6);
        out[263] = '0';
        out[264] = '0';
        long sum = 0;
        for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : (out[i] & 0xff);
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, out, 148, 8);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }
}
