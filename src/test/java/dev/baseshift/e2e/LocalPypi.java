package dev.baseshift.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A PyPI-style simple index (PEP 503) on 127.0.0.1 serving one pure-Python wheel this class builds: what pip
 * installs in a host-network build, as from a company's mirror.
 */
public final class LocalPypi implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();

    private LocalPypi(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code name==version} whose package {@code name} has {@code init} as its __init__.py. */
    public static LocalPypi serving(String name, String version, String init) throws IOException {
        String file = name + "-" + version + "-py3-none-any.whl";
        byte[] wheel = wheel(name, version, init);
        String sha = HexFormat.of().formatHex(sha256(wheel));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalPypi index = new LocalPypi(server);
        server.createContext("/simple/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (path.equals("/simple/")) {
                body = ("<!DOCTYPE html><html><body><a href=\"/simple/" + name + "/\">" + name + "</a></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/simple/" + name + "/")) {
                body = ("<!DOCTYPE html><html><body><a href=\"/files/" + file + "#sha256=" + sha + "\">" + file
                        + "</a></body></html>").getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "not here".getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/files/" + file, ex -> {
            index.downloads.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, wheel.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(wheel);
            }
        });
        server.start();
        return index;
    }

    /** {@code http://127.0.0.1:PORT/simple} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple";
    }

    /** How many times the wheel was fetched. */
    public int downloads() {
        return downloads.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A wheel (PEP 427): the package, and its dist-info with METADATA, WHEEL, top_level.txt and a hashed RECORD. */
    static byte[] wheel(String name, String version, String init) throws IOException {
        String info = name + "-" + version + ".dist-info/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name + "/__init__.py", init.getBytes(StandardCharsets.UTF_8));
        files.put(info + "METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\nSummary: BaseShift's test distribution\n").getBytes(StandardCharsets.UTF_8));
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: baseshift-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put(info + "top_level.txt", (name + "\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (var f : files.entrySet()) {
            record.append(f.getKey()).append(",sha256=")
                    .append(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(f.getValue())))
                    .append(',').append(f.getValue().length).append('\n');
        }
        record.append(info).append("RECORD,,\n");
        files.put(info + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
