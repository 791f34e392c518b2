package dev.baseshift.diagnosis;

import dev.baseshift.catalog.BaseTraits;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a base really provides, read from its file index rather than assumed from its name: a repair targets the base
 * as it is (a custom {@code --base} too).
 */
public final class ImageTraits {
    private static final Pattern PYTHON_STDLIB = Pattern.compile("^/usr(?:/local)?/lib/python(\\d+\\.\\d+)/os\\.py$");

    private ImageTraits() {}

    /** Traits of {@code scratch}: nothing at all. */
    public static BaseTraits empty() {
        return new BaseTraits(false, null, null, false, false, List.of(), null);
    }

    public static BaseTraits of(ImageFiles base) {
        boolean shell = base.exists("/bin/sh");
        String pm = base.exists("/usr/bin/apt-get") ? "apt"
                : base.exists("/sbin/apk") || base.exists("/usr/bin/apk") ? "apk" : null;
        String libc = null;
        for (FileEntry e : base.entries()) {
            String n = e.name();
            if (n.startsWith("ld-musl-") && n.endsWith(".so.1")) { libc = "musl"; break; }
            if (n.equals("libc.so.6")) libc = "glibc";
        }
        boolean ca = base.exists("/etc/ssl/certs/ca-certificates.crt") || base.exists("/etc/ssl/cert.pem");
        boolean tz = base.exists("/usr/share/zoneinfo");
        List<String> users = new ArrayList<>();
        if (base.exists("/etc/passwd")) users.add("root");
        if (base.exists("/home/nonroot")) users.add("nonroot");
        TreeSet<String> pythons = new TreeSet<>();
        for (FileEntry e : base.named("os.py")) {
            Matcher m = PYTHON_STDLIB.matcher(e.path());
            if (m.matches()) pythons.add(m.group(1));
        }
        return new BaseTraits(shell, pm, libc, ca, tz, users, pythons.size() == 1 ? pythons.first() : null);
    }
}
