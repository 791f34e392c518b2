package dev.baseshift.registry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real registry behind TLS (a CA this test makes with openssl) and htpasswd basic auth; the login comes from
 * config.json the way the Docker CLI finds it: {@code auths}, {@code credHelpers}, {@code credsStore}.
 */
class AuthRegistryTest {
    /** bcrypt of "s3cret" (the registry accepts only bcrypt; made once with Python's crypt module). */
    private static final String HASH = "$2b$12$EoMR3o9cnGApANOJhMatzueXxZDhiMO0s01IFSHAVEm3O9zEhCq6C";

    @TempDir
    static Path dir;
    static LoopbackRegistry registry;
    static RegistryUpload.Pushed image;
    static Path certsD;

    @BeforeAll
    static void start() throws Exception {
        TestCa ca = TestCa.create(Files.createDirectories(dir.resolve("ca")));
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "alice:" + HASH + "\n");
        registry = LoopbackRegistry.secured(ca.serverCert("registry"),
                "auth:\n  htpasswd:\n    realm: baseshift-test\n    path: " + htpasswd + "\n", ca.trustingClient());
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        RegistryUpload up = new RegistryUpload(ca.trustingClient(), "https://" + registry.host(), basic);
        image = up.image("private/app", "1", "linux", "amd64", null,
                List.of(RegistryUpload.layer(40_000, 11), RegistryUpload.layer(9_000, 12)));
        certsD = dir.resolve("certs.d");
        Files.createDirectories(certsD.resolve(registry.host()));
        Files.copy(ca.caCert(), certsD.resolve(registry.host()).resolve("ca.crt"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    private BaseFacts facts(String configJson, List<Path> path, boolean withCa) throws Exception {
        Path config = Files.createTempDirectory(dir, "docker-config");
        if (configJson != null) Files.writeString(config.resolve("config.json"), configJson);
        RegistrySettings s = new RegistrySettings(config, withCa ? List.of(certsD) : List.of(dir.resolve("none")),
                Set.of(), path, null, RegistrySettings.DEFAULT_TIMEOUT);
        return new BaseFactsService(s, LocalFacts.NONE).facts(registry.host() + "/private/app:1", Platform.LINUX_AMD64);
    }


    private static long layerSum() throws Exception {
        long sum = 0;
        for (var l : new com.fasterxml.jackson.databind.ObjectMapper().readTree(image.manifest()).path("layers")) {
            sum += l.path("size").asLong();
        }
        return sum;
    }

    private void assertRead(BaseFacts f) throws Exception {
        assertThat(f.problem()).isNull();
        assertThat(f.source()).isEqualTo(BaseFacts.Source.REGISTRY);
        assertThat(f.digest()).isEqualTo(image.digest());
        assertThat(f.compressedBytes()).isEqualTo(layerSum());
    }

    private Path helper(String name, String user, String secret) throws Exception {
        Path bin = Files.createTempDirectory(dir, "bin");
        Path script = bin.resolve("docker-credential-" + name);
        // Answers only for this registry, like a real helper; anything else is "not found".
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = get ] || exit 1\nread server\n"
                + "if [ \"$server\" = \"" + registry.host() + "\" ]; then\n"
                + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret + "\"}' \"$server\"\n"
                + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void loginFromAuths() throws Exception {
        String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        assertRead(facts("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}", List.of(), true));
    }

    @Test
    void loginFromACredentialHelperOnThePath() throws Exception {
        Path bin = helper("bstest", "alice", "s3cret");
        assertRead(facts("{\"credHelpers\":{\"" + registry.host() + "\":\"bstest\"}}", List.of(bin), true));
    }

    @Test
    void loginFromTheCredentialStore() throws Exception {
        Path bin = helper("bsstore", "alice", "s3cret");
        assertRead(facts("{\"credsStore\":\"bsstore\"}", List.of(bin), true));
    }

    @Test
    void withoutALoginTheMessageSaysWhereItLooked() throws Exception {
        BaseFacts f = facts(null, List.of(), true);
        assertThat(f.source()).isNull();
        assertThat(f.problem()).startsWith(registry.host() + ": needs a login (none in ").endsWith("config.json)");
    }

    @Test
    void aWrongPasswordIsRejectedByName() throws Exception {
        Path bin = helper("bswrong", "alice", "guess");
        BaseFacts f = facts("{\"credHelpers\":{\"" + registry.host() + "\":\"bswrong\"}}", List.of(bin), true);
        assertThat(f.problem()).isEqualTo(registry.host() + ": the login of alice was rejected");
    }

    @Test
    void aMissingHelperIsNamed() throws Exception {
        BaseFacts f = facts("{\"credHelpers\":{\"" + registry.host() + "\":\"nosuch\"}}", List.of(), true);
        assertThat(f.problem()).isEqualTo(registry.host() + ": credential helper docker-credential-nosuch is not on the PATH");
    }

    @Test
    void withoutTheCaTheTlsFailureIsReportedNotAnHttpFallback() throws Exception {
        String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        BaseFacts f = facts("{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}", List.of(), false);
        assertThat(f.problem()).startsWith(registry.host() + ": TLS failed").contains("ca.crt");
    }
}
