package io.exdesk.platform.security;

import com.sun.net.httpserver.HttpServer;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An identity provider's JWKS endpoint for {@link JwksRotationTest}: serves the key set in
 * {@link #FILE} as it is at each request, so the test rotates keys by rewriting the file (the test
 * and this resource may live in different class loaders; the file is what they share). Responses
 * allow caching for one second, as {@code Cache-Control} from a real provider would for longer.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    static final Path FILE = Path.of("target", "exdesk-test", "jwks", "jwks.json").toAbsolutePath();

    private HttpServer server;

    /** Publishes {@code keySetJson} (a JWK Set document) atomically. */
    static void publish(String keySetJson) {
        try {
            Files.createDirectories(FILE.getParent());
            Path next = FILE.resolveSibling("jwks.json.next");
            Files.writeString(next, keySetJson);
            Files.move(next, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        publish("{\"keys\":[]}");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> {
            byte[] body = Files.readString(FILE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Map<String, String> config = new HashMap<>(new ExDeskTestResources().start());
        config.put("mp.jwt.verify.publickey.location",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        // A key set may hold keys of both kinds; the token's alg and kid pick one.
        config.put("mp.jwt.verify.publickey.algorithm", "RS256,ES256");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
