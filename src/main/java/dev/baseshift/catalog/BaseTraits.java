package dev.baseshift.catalog;

import java.util.List;

/**
 * What a base provides, as far as the advice rules care.
 *
 * @param shell           /bin/sh exists
 * @param packageManager  "apt", "apk", or null when there is none
 * @param libc            "glibc", "musl", or null (scratch)
 * @param caCertificates  /etc/ssl/certs is populated
 * @param tzdata          /usr/share/zoneinfo exists
 * @param users           user names known in /etc/passwd (e.g. root, nonroot)
 * @param languageVersion the language runtime version the tier ships, when it differs by tier (distroless python3 = 3.13); else null
 */
public record BaseTraits(boolean shell, String packageManager, String libc, boolean caCertificates, boolean tzdata,
                         List<String> users, String languageVersion) {
    public BaseTraits {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
