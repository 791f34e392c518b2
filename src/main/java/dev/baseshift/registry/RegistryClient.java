package dev.baseshift.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baseshift.dockerfile.ImageReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads manifests and blobs from an OCI / Docker registry over the distribution API (v2), as the Docker CLI would:
 * Docker Hub at {@code registry-1.docker.io}, HTTPS with the CAs of {@code certs.d}, plain HTTP only for loopback
 * and insecure registries, Basic or Bearer (token realm) auth with the logins of {@code config.json}. Never pulls a
 * layer. Every call has a deadline; errors name the registry and the reason.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");
    private static final int MAX_BLOB = 8 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private final RegistrySettings settings;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> schemes = new ConcurrentHashMap<>();
    private final Map<String, String> authorization = new ConcurrentHashMap<>();

    public RegistryClient(RegistrySettings settings) {
        this.settings = settings;
    }

    /** A manifest's bytes as served, its media type and its digest (the registry's, checked against the bytes). */
    public record Fetched(byte[] body, String contentType, String digest) {}

    /**
     * Whether a tag or digest exists: the manifest's digest, or empty for "no such manifest".
     *
     * @throws RegistryException unreachable, refused, timed out, login rejected
     */
    public Optional<String> head(ImageReference ref, Instant deadline) throws RegistryException {
        String registry = ref.domain();
        Response r = send(registry, ref.path(), "HEAD", "/v2/" + ref.path() + "/manifests/" + reference(ref),
                Manifest.ACCEPT, deadline, 0);
        if (r.status == 404) return Optional.empty();
        if (r.status != 200) throw failure(registry, ref, r);
        return Optional.of(r.headers.firstValue("Docker-Content-Digest").orElse(ref.digest() != null ? ref.digest() : ""));
    }

    /** GET a manifest by tag or digest ({@code reference} null = the reference's own tag or digest). */
    public Fetched manifest(ImageReference ref, String reference, Instant deadline) throws RegistryException {
        String registry = ref.domain();
        String wanted = reference != null ? reference : reference(ref);
        Response r = send(registry, ref.path(), "GET", "/v2/" + ref.path() + "/manifests/" + wanted,
                Manifest.ACCEPT, deadline, Manifest.MAX_BYTES);
        if (r.status == 404) throw new RegistryException(registry, familiar(ref, wanted) + ": no such manifest");
        if (r.status != 200) throw failure(registry, ref, r);
        String actual = sha256(r.body);
        if (wanted.startsWith("sha256:") && !wanted.equals(actual)) {
            throw new RegistryException(registry, familiar(ref, wanted) + ": manifest content has digest " + actual
                    + ", not the one asked for");
        }
        String served = r.headers.firstValue("Docker-Content-Digest").orElse(actual);
        if (served.startsWith("sha256:") && !served.equals(actual)) {
            throw new RegistryException(registry, familiar(ref, wanted) + ": the registry says digest " + served
                    + " but the manifest it sent has digest " + actual);
        }
        return new Fetched(r.body, r.headers.firstValue("Content-Type").orElse(null), actual);
    }

    /** A small blob (an image config), checked against its digest. */
    public byte[] blob(ImageReference ref, String digest, Instant deadline) throws RegistryException {
        String registry = ref.domain();
        Response r = send(registry, ref.path(), "GET", "/v2/" + ref.path() + "/blobs/" + digest, "*/*", deadline, MAX_BLOB);
        if (r.status != 200) throw failure(registry, ref, r);
        if (digest.startsWith("sha256:") && !sha256(r.body).equals(digest)) {
            throw new RegistryException(registry, ref.familiarName() + ": blob " + digest + " does not match its digest");
        }
        return r.body;
    }

    private static String reference(ImageReference ref) {
        if (ref.digest() != null) return ref.digest();
        return ref.tag() != null ? ref.tag() : "latest";
    }

    private static String familiar(ImageReference ref, String reference) {
        return ref.familiarName() + (reference.contains(":") ? "@" : ":") + reference;
    }

    private record Response(int status, HttpHeaders headers, byte[] body) {}

    private Response send(String registry, String repository, String method, String path, String accept,
                          Instant deadline, int maxBody) throws RegistryException {
        String host = host(registry);
        String scheme = schemes.get(host);
        if (scheme == null) {
            if (plainHttpAllowed(registry)) {
                RegistryException tlsFailure;
                try {
                    Response r = exchange(registry, repository, "https", host, method, path, accept, deadline, maxBody);
                    schemes.put(host, "https");
                    return r;
                } catch (RegistryException e) {
                    if (!(e.getCause() instanceof SSLException)) throw e;
                    tlsFailure = e;
                }
                Response r = exchange(registry, repository, "http", host, method, path, accept, deadline, maxBody);
                // An HTTPS-only server answers plain HTTP with 400: then the TLS problem is the one to report.
                if (r.status == 400) throw tlsFailure;
                schemes.put(host, "http");
                return r;
            }
            scheme = "https";
        }
        return exchange(registry, repository, scheme, host, method, path, accept, deadline, maxBody);
    }

    private Response exchange(String registry, String repository, String scheme, String host, String method,
                              String path, String accept, Instant deadline, int maxBody) throws RegistryException {
        String scope = "repository:" + repository + ":pull";
        String authKey = host + " " + scope;
        URI uri = URI.create(scheme + "://" + host + path);
        Response r = request(registry, method, uri, accept, authorization.get(authKey), deadline, maxBody);
        if (r.status == 401) {
            String challenge = r.headers.firstValue("WWW-Authenticate").orElse("");
            String header = authenticate(registry, challenge, scope, deadline);
            authorization.put(authKey, header);
            r = request(registry, method, uri, accept, header, deadline, maxBody);
            if (r.status == 401) {
                Optional<Credentials> c = Credentials.lookup(settings, registry);
                throw new RegistryException(registry, c.isPresent()
                        ? "the login of " + c.get().username() + " was rejected"
                        : "needs a login (none in " + settings.dockerConfigDir().resolve("config.json") + ")");
            }
        }
        return r;
    }

    /** Answers a 401 challenge: Basic with the stored login, or a Bearer token from the realm. */
    private String authenticate(String registry, String challenge, String scope, Instant deadline) throws RegistryException {
        Optional<Credentials> creds = Credentials.lookup(settings, registry);
        String lower = challenge.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basic")) {
            return creds.map(Credentials::basicHeader).orElseThrow(() -> new RegistryException(registry,
                    "needs a login (none in " + settings.dockerConfigDir().resolve("config.json") + ")"));
        }
        if (!lower.startsWith("bearer")) {
            throw new RegistryException(registry, "asks for unsupported authentication '" + challenge + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        String realm = params.get("realm");
        if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
            throw new RegistryException(registry, "token challenge without a usable realm: " + challenge);
        }
        String wantedScope = params.getOrDefault("scope", scope);
        StringBuilder query = new StringBuilder();
        if (params.containsKey("service")) query.append("service=").append(enc(params.get("service")));
        query.append(query.length() > 0 ? "&" : "").append("scope=").append(enc(wantedScope));
        Response r;
        URI realmUri = URI.create(realm);
        if (creds.isPresent() && creds.get().identityToken() != null) {
            String form = "grant_type=refresh_token&client_id=baseshift&refresh_token=" + enc(creds.get().identityToken())
                    + "&" + query;
            r = post(registry, realmUri, form, deadline);
        } else {
            URI u = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
            r = request(registry, "GET", u, "application/json", creds.map(Credentials::basicHeader).orElse(null),
                    deadline, 1024 * 1024);
        }
        if (r.status == 401 || r.status == 403) {
            throw new RegistryException(registry, creds.isPresent()
                    ? "the token service " + realmUri.getHost() + " rejected the login of " + creds.get().username()
                    : "the token service " + realmUri.getHost() + " refused an anonymous token (a login may be needed)");
        }
        if (r.status != 200) throw new RegistryException(registry, "token service " + realm + " answered HTTP " + r.status);
        try {
            JsonNode n = JSON.readTree(r.body);
            String token = n.hasNonNull("token") ? n.get("token").asText() : n.path("access_token").asText("");
            if (token.isEmpty()) throw new RegistryException(registry, "token service " + realm + " sent no token");
            return "Bearer " + token;
        } catch (IOException e) {
            if (e instanceof RegistryException re) throw re;
            throw new RegistryException(registry, "token service " + realm + " sent no JSON");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Response post(String registry, URI uri, String form, Instant deadline) throws RegistryException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(remaining(registry, deadline))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return execute(registry, uri.getAuthority(), req, 1024 * 1024);
    }

    private Response request(String registry, String method, URI uri, String accept, String auth, Instant deadline,
                             int maxBody) throws RegistryException {
        URI current = uri;
        String header = auth;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(current).timeout(remaining(registry, deadline))
                    .header("Accept", accept).header("User-Agent", "baseshift")
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (header != null) b.header("Authorization", header);
            Response r = execute(registry, current.getAuthority(), b.build(), maxBody);
            if (r.status >= 300 && r.status < 400 && r.headers.firstValue("Location").isPresent() && hop < MAX_REDIRECTS) {
                URI next = current.resolve(r.headers.firstValue("Location").get());
                // Blob storage behind a redirect has its own signature: the registry's login must not go there.
                if (!java.util.Objects.equals(next.getAuthority(), current.getAuthority())) header = null;
                current = next;
                continue;
            }
            return r;
        }
    }

    private Response execute(String registry, String host, HttpRequest req, int maxBody) throws RegistryException {
        try {
            HttpResponse<InputStream> resp = client(registry, host).send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = resp.body()) {
                body = readLimited(in, maxBody, registry);
            }
            return new Response(resp.statusCode(), resp.headers(), body);
        } catch (HttpConnectTimeoutException e) {
            throw new RegistryException(registry, "no answer within " + seconds(), e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(registry, "no answer within " + seconds(), e);
        } catch (SSLException e) {
            throw new RegistryException(registry, "TLS failed: " + e.getMessage()
                    + (settings.certsDirs().isEmpty() ? ""
                    : " (a private CA goes in " + settings.certsDirs().get(0) + "/" + registry + "/ca.crt)"), e);
        } catch (ConnectException e) {
            Throwable c = e.getCause();
            if (c instanceof UnresolvedAddressException) throw new RegistryException(registry, "unknown host " + host, e);
            throw new RegistryException(registry, "cannot connect to " + req.uri().getScheme() + "://" + host
                    + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", e);
        } catch (UnknownHostException e) {
            throw new RegistryException(registry, "unknown host " + host, e);
        } catch (IOException e) {
            if (e instanceof RegistryException re) throw re;
            if (e.getCause() instanceof SSLException s) {
                throw new RegistryException(registry, "TLS failed: " + s.getMessage(), s);
            }
            throw new RegistryException(registry, "request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(registry, "interrupted");
        } catch (IllegalArgumentException e) {
            throw new RegistryException(registry, "bad address: " + e.getMessage());
        }
    }

    private static byte[] readLimited(InputStream in, int max, String registry) throws IOException {
        if (max <= 0) {
            in.readAllBytes();
            return new byte[0];
        }
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) {
            throw new RegistryException(registry, "response larger than " + max + " bytes (a manifest or config is never that big)");
        }
        return data;
    }

    private Duration remaining(String registry, Instant deadline) throws RegistryException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) throw new RegistryException(registry, "no answer within " + seconds());
        return left;
    }

    private String seconds() {
        long ms = settings.timeout().toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private RegistryException failure(String registry, ImageReference ref, Response r) {
        String detail = "";
        try {
            JsonNode errors = JSON.readTree(r.body).path("errors");
            if (errors.isArray() && errors.size() > 0) detail = ": " + errors.get(0).path("message").asText("");
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the status says enough
        }
        String why = switch (r.status) {
            case 403 -> "access to " + ref.familiarName() + " denied";
            case 429 -> "rate limit reached (HTTP 429)";
            default -> "HTTP " + r.status + " for " + ref.familiarName();
        };
        return new RegistryException(registry, why + detail);
    }

    /** Docker Hub's API host; other registries are their own host. */
    static String host(String registry) {
        return registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** Loopback registries and those configured as insecure may answer over plain HTTP. */
    boolean plainHttpAllowed(String registry) {
        if (settings.insecure().contains(registry)) return true;
        String h = registry;
        if (h.startsWith("[")) h = h.substring(1, h.indexOf(']'));
        else if (h.indexOf(':') > 0) h = h.substring(0, h.lastIndexOf(':'));
        if (h.equals("localhost")) return true;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private HttpClient client(String registry, String host) throws RegistryException {
        HttpClient c = clients.get(host);
        if (c != null) return c;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        SSLContext ssl = sslContext(registry, host);
        if (ssl != null) b.sslContext(ssl);
        c = b.build();
        clients.putIfAbsent(host, c);
        return clients.get(host);
    }

    /** The JDK's trusted CAs plus those in {@code certs.d/HOST[:PORT]/} (as Docker reads them), or null for the default. */
    private SSLContext sslContext(String registry, String host) throws RegistryException {
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (Path dir : settings.certsDirs()) {
            Path d = dir.resolve(host.replace(':', ':'));
            if (!Files.isDirectory(d)) continue;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.crt")) {
                s.forEach(files::add);
            } catch (IOException e) {
                throw new RegistryException(registry, "cannot read " + d + ": " + e.getMessage());
            }
        }
        if (files.isEmpty()) return null;
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory def = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            def.init((KeyStore) null);
            int i = 0;
            for (var tm : def.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) for (X509Certificate cert : x.getAcceptedIssuers()) ks.setCertificateEntry("jdk" + i++, cert);
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (var cert : cf.generateCertificates(in)) ks.setCertificateEntry("certs.d-" + i++, cert);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new RegistryException(registry, "cannot use the CA files " + files + ": " + e.getMessage());
        }
    }

    static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
