package dev.baseshift.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Base facts read from a real registry on loopback, compared with the registry's own manifests. */
@Tag("engine")
@ExtendWith(RegistryFixtures.Extension.class)
class RegistryFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private BaseFactsService service(Path cache) {
        RegistrySettings s = new RegistrySettings(tmp.resolve("docker-config"), List.of(tmp.resolve("certs.d")),
                Set.of(), List.of(), cache, RegistrySettings.DEFAULT_TIMEOUT);
        return new BaseFactsService(s, LocalFacts.NONE);
    }

    /** The manifest exactly as the registry serves it to the Docker CLI. */
    private static HttpResponse<byte[]> rawManifest(RegistryFixtures f, String name) throws Exception {
        int colon = name.lastIndexOf(':');
        URI uri = URI.create("http://" + f.host() + "/v2/" + name.substring(0, colon) + "/manifests/" + name.substring(colon + 1));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Accept", Manifest.ACCEPT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long layerSum(byte[] manifest) throws Exception {
        long sum = 0;
        for (JsonNode l : JSON.readTree(manifest).path("layers")) sum += l.path("size").asLong();
        return sum;
    }

    @Test
    void factsOfPushedImagesEqualTheRegistrysManifests(RegistryFixtures f) throws Exception {
        BaseFactsService service = service(null);
        for (String[] pushed : RegistryFixtures.PUSHED) {
            HttpResponse<byte[]> raw = rawManifest(f, pushed[1]);
            assertThat(raw.statusCode()).isEqualTo(200);
            JsonNode manifest = JSON.readTree(raw.body());

            BaseFacts facts = service.facts(f.ref(pushed[1]), Platform.LINUX_AMD64);

            assertThat(facts.problem()).isNull();
            assertThat(facts.source()).isEqualTo(BaseFacts.Source.REGISTRY);
            assertThat(facts.tagExists()).isTrue();
            assertThat(facts.digest()).isEqualTo(raw.headers().firstValue("Docker-Content-Digest").orElseThrow())
                    .isEqualTo(RegistryClient.sha256(raw.body()));
            assertThat(facts.compressedBytes()).isEqualTo(layerSum(raw.body())).isPositive();
            assertThat(facts.layers()).isEqualTo(manifest.path("layers").size());
            assertThat(facts.platforms()).containsExactly("linux/amd64");
            assertThat(facts.platformAvailable()).isTrue();
            assertThat(facts.created()).isNotBlank();
            assertThat(facts.sizeBytes()).isNull(); // only the local engine knows the on-disk size
        }
    }

    @Test
    void anImageIndexGivesEachPlatformItsOwnSize(RegistryFixtures f) throws Exception {
        BaseFactsService service = service(null);
        String ref = f.ref(RegistryFixtures.INDEX);

        BaseFacts amd = service.facts(ref, Platform.LINUX_AMD64);
        BaseFacts arm = service.facts(ref, Platform.parse("linux/arm64"));

        assertThat(amd.digest()).isEqualTo(f.index().digest()).isEqualTo(arm.digest());
        assertThat(amd.platforms()).containsExactly("linux/amd64", "linux/arm64/v8");
        assertThat(amd.compressedBytes()).isEqualTo(layerSum(f.amd64().manifest()));
        assertThat(arm.compressedBytes()).isEqualTo(layerSum(f.arm64().manifest()));
        assertThat(amd.compressedBytes()).isNotEqualTo(arm.compressedBytes());
        assertThat(amd.layers()).isEqualTo(2);
        assertThat(arm.layers()).isEqualTo(1);
        assertThat(amd.created()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(amd.flagged()).isFalse();
    }

    @Test
    void aBaseWithoutThePlatformIsFlagged(RegistryFixtures f) {
        BaseFactsService service = service(null);

        BaseFacts index = service.facts(f.ref(RegistryFixtures.INDEX), Platform.parse("linux/s390x"));
        BaseFacts single = service.facts(f.ref("bsfixture/tiny:full"), Platform.parse("linux/arm64"));

        assertThat(index.platformAvailable()).isFalse();
        assertThat(index.compressedBytes()).isNull();
        assertThat(index.flag()).isEqualTo("no linux/s390x image (has linux/amd64, linux/arm64/v8)");
        assertThat(single.platformAvailable()).isFalse();
        assertThat(single.flag()).isEqualTo("no linux/arm64 image (has linux/amd64)");
    }

    @Test
    void anUnknownTagOrRepositoryIsFlaggedWithTheRegistrysName(RegistryFixtures f) {
        BaseFactsService service = service(null);

        BaseFactsService.TagCheck tag = service.checkTag(f.ref("bsfixture/tiny:3.12-slim-trixie"));
        BaseFactsService.TagCheck repo = service.checkTag(f.ref("nobody/here:1"));
        BaseFactsService.TagCheck ok = service.checkTag(f.ref("another/name:v1"));
        BaseFacts facts = service.facts(f.ref("bsfixture/tiny:3.12-slim-trixie"), Platform.LINUX_AMD64);

        assertThat(tag.status()).isEqualTo(BaseFactsService.TagStatus.MISSING);
        assertThat(tag.message()).isEqualTo(f.host() + "/bsfixture/tiny:3.12-slim-trixie: no such tag on " + f.host());
        assertThat(repo.status()).isEqualTo(BaseFactsService.TagStatus.MISSING);
        assertThat(ok.status()).isEqualTo(BaseFactsService.TagStatus.EXISTS);
        assertThat(ok.digest()).startsWith("sha256:");
        assertThat(facts.tagExists()).isFalse();
        assertThat(facts.flag()).isEqualTo("no such tag");
    }

    @Test
    void anUnreachableRegistryAnswersWithinThreeSeconds() throws Exception {
        BaseFactsService service = service(null);
        int closed = LoopbackRegistry.freePort();
        try (ServerSocket silent = new ServerSocket(0)) {
            // Accepts connections and never says a word: the worst case, a firewall that swallows packets.
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept());
                } catch (java.io.IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            long t0 = System.nanoTime();
            BaseFacts refused = service.facts("127.0.0.1:" + closed + "/x/y:1", Platform.LINUX_AMD64);
            long refusedMs = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            BaseFacts hanging = service.facts("127.0.0.1:" + silent.getLocalPort() + "/x/y:1", Platform.LINUX_AMD64);
            long hangingMs = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            BaseFactsService.TagCheck again = service.checkTag("127.0.0.1:" + silent.getLocalPort() + "/x/z:2");
            long againMs = (System.nanoTime() - t0) / 1_000_000;

            assertThat(refused.source()).isNull();
            assertThat(refused.problem()).startsWith("127.0.0.1:" + closed + ": cannot connect to");
            assertThat(refusedMs).isLessThan(3000);
            assertThat(hanging.problem()).isEqualTo("127.0.0.1:" + silent.getLocalPort() + ": no answer within 3 s");
            assertThat(hangingMs).isBetween(2500L, 3500L);
            // Known to be down: the next question about that registry does not wait again.
            assertThat(again.status()).isEqualTo(BaseFactsService.TagStatus.UNKNOWN);
            assertThat(againMs).isLessThan(100);
            for (Socket s : held) s.close();
        }
    }

    @Test
    void offlineTheCachedFactsAreShownAsStale(RegistryFixtures f) throws Exception {
        Path cache = tmp.resolve("cache");
        try (LoopbackRegistry own = LoopbackRegistry.plain()) {
            RegistryUpload up = new RegistryUpload(HttpClient.newHttpClient(), "http://" + own.host(), null);
            RegistryUpload.Pushed img = up.image("cached/app", "1", "linux", "amd64", null,
                    List.of(RegistryUpload.layer(50_000, 7)));
            String ref = own.host() + "/cached/app:1";

            BaseFacts first = service(cache).facts(ref, Platform.LINUX_AMD64);
            BaseFacts second = service(cache).facts(ref, Platform.LINUX_AMD64);
            own.close();
            BaseFacts offline = service(cache).facts(ref, Platform.LINUX_AMD64);

            assertThat(first.source()).isEqualTo(BaseFacts.Source.REGISTRY);
            assertThat(first.compressedBytes()).isEqualTo(layerSum(img.manifest()));
            // Same digest on HEAD: the cached facts are current, not stale.
            assertThat(second.source()).isEqualTo(BaseFacts.Source.CACHE);
            assertThat(second.stale()).isFalse();
            assertThat(second.compressedBytes()).isEqualTo(first.compressedBytes());
            assertThat(offline.source()).isEqualTo(BaseFacts.Source.CACHE);
            assertThat(offline.stale()).isTrue();
            assertThat(offline.compressedBytes()).isEqualTo(first.compressedBytes());
            assertThat(offline.digest()).isEqualTo(img.digest());
            assertThat(offline.readAt()).isEqualTo(first.readAt());
            assertThat(offline.problem()).startsWith(own.host() + ": cannot connect");
        }
    }
}
