package io.exdesk.console.service;

import io.exdesk.console.domain.SignedIn;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relays an agent's live assignment stream from routing-service to their browser: the console opens the
 * stream with the agent's own token (which never reaches the browser) and passes on each message's JSON.
 * When the browser goes away, the upstream connection is closed.
 */
@ApplicationScoped
public class AssignmentRelay {

    private final HttpClient http;
    private final ConsoleApi api;

    public AssignmentRelay(Vertx vertx, ConsoleApi api) {
        this.http = vertx.createHttpClient();
        this.api = api;
    }

    /** The JSON of each message routing-service sends on the person's stream, from now on. */
    public Multi<String> assignments(SignedIn person) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(api.streamOf(person.username()).toString())
                .putHeader("Authorization", "Bearer " + api.tokenFor(person))
                .putHeader("Accept", "text/event-stream")
                // An idle stream is normal: no read timeout.
                .setIdleTimeout(0);
        return Multi.createFrom().deferred(() -> {
            AtomicReference<HttpClientRequest> open = new AtomicReference<>();
            MessageSplitter splitter = new MessageSplitter();
            return http.request(options)
                    .invoke(open::set)
                    .flatMap(HttpClientRequest::send)
                    .onItem().transformToMulti(response -> {
                        if (response.statusCode() != 200) {
                            return Multi.createFrom().failure(new ServiceCallException(response.statusCode(),
                                    "routing-service refused the live stream"));
                        }
                        return response.toMulti();
                    })
                    .onItem().transformToIterable(splitter::feed)
                    .onTermination().invoke(() -> {
                        HttpClientRequest request = open.get();
                        if (request != null) {
                            request.connection().close().subscribe().with(done -> { }, failed -> { });
                        }
                    });
        });
    }

    @PreDestroy
    void close() {
        http.close().subscribe().with(done -> { }, failed -> { });
    }

    /** Cuts the byte stream into SSE messages (blank-line separated) and returns their {@code data} text. */
    static final class MessageSplitter {

        private byte[] pending = new byte[0];

        List<String> feed(Buffer chunk) {
            byte[] bytes = chunk.getBytes();
            byte[] joined = new byte[pending.length + bytes.length];
            System.arraycopy(pending, 0, joined, 0, pending.length);
            System.arraycopy(bytes, 0, joined, pending.length, bytes.length);
            List<String> messages = new ArrayList<>();
            int start = 0;
            for (int i = 0; i + 1 < joined.length; i++) {
                if (joined[i] == '\n' && joined[i + 1] == '\n') {
                    String data = data(new String(joined, start, i - start, StandardCharsets.UTF_8));
                    if (!data.isEmpty()) {
                        messages.add(data);
                    }
                    start = i + 2;
                    i++;
                }
            }
            pending = java.util.Arrays.copyOfRange(joined, start, joined.length);
            return messages;
        }

        private static String data(String message) {
            StringBuilder data = new StringBuilder();
            for (String line : message.split("\r?\n")) {
                if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
            return data.toString();
        }
    }
}
