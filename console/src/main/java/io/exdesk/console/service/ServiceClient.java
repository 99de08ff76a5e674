package io.exdesk.console.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * JSON over HTTP to the services, with the person's bearer token. Reads run asynchronously so a page can
 * ask several services at once; a refusal becomes a {@link ServiceCallException} with the service's detail.
 */
@ApplicationScoped
public class ServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json;

    public ServiceClient(ObjectMapper json) {
        this.json = json;
    }

    public <T> CompletableFuture<T> get(URI base, String path, String token, TypeReference<T> type) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> read(request, response, failure, type));
    }

    public <T> T getNow(URI base, String path, String token, TypeReference<T> type) {
        return join(get(base, path, token, type));
    }

    /** A write (POST, PUT, PATCH) with a JSON body; waits for the answer. */
    public void send(String method, URI base, String path, String token, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            join(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, failure) -> read(request, response, failure, new TypeReference<JsonNode>() { })));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private <T> T read(HttpRequest request, HttpResponse<byte[]> response, Throwable failure, TypeReference<T> type) {
        if (failure != null) {
            throw new ServiceCallException(502, request.uri().getHost() + ":" + request.uri().getPort()
                    + " did not answer (" + failure.getClass().getSimpleName() + ")");
        }
        try {
            if (response.statusCode() >= 400) {
                String detail = "HTTP " + response.statusCode();
                if (response.body().length > 0) {
                    JsonNode problem = json.readTree(response.body());
                    if (problem.hasNonNull("detail")) {
                        detail = problem.get("detail").asText();
                    }
                }
                throw new ServiceCallException(response.statusCode(), detail);
            }
            return response.body().length == 0 ? null : json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ServiceCallException(502, "unreadable answer from " + request.uri().getPath());
        }
    }
}
