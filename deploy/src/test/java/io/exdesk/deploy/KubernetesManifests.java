package io.exdesk.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.exdesk.testkit.Tools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes manifests read strictly into the fabric8 Kubernetes model: a field the model does not
 * know (a typo, a field at the wrong level, a field of a newer API) ends up in some object's
 * {@code additionalProperties}, and reading fails naming its path; a value of the wrong type fails
 * in Jackson. A kind the model does not know at all is read as a {@link GenericKubernetesResource},
 * which {@link #generic()} lists so a check can refuse it.
 */
final class KubernetesManifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization MODEL = new KubernetesSerialization();

    private final String origin;
    private final List<HasMetadata> objects;

    private KubernetesManifests(String origin, List<HasMetadata> objects) {
        this.origin = origin;
        this.objects = List.copyOf(objects);
    }

    /** What {@code kubectl kustomize dir} builds; skipped (or failed in CI) without kubectl. */
    static KubernetesManifests build(Path dir) {
        Path kubectl = Tools.require("kubectl");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).start();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n"
                        + new String(errors.join(), StandardCharsets.UTF_8));
            }
            return parse("kubectl kustomize " + dir, new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The objects of one YAML file as written (no kustomize). */
    static KubernetesManifests read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KubernetesManifests parse(String origin, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = MODEL.unmarshal(JSON.writeValueAsString(document), KubernetesResource.class);
                if (!(resource instanceof HasMetadata object)) {
                    throw new AssertionError(origin + ": not a Kubernetes object: " + document);
                }
                if (!(object instanceof GenericKubernetesResource)) {
                    collectUnknownFields(object, object.getKind() + " " + object.getMetadata().getName(), unknown);
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new AssertionError(origin + " is not valid YAML for the Kubernetes model: " + e.getMessage(), e);
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError(origin + " has fields the Kubernetes model does not know:\n  "
                    + String.join("\n  ", unknown));
        }
        return new KubernetesManifests(origin, objects);
    }

    String origin() {
        return origin;
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return named(type, name).orElseThrow(() -> new AssertionError(
                origin + " holds no " + type.getSimpleName() + " named " + name));
    }

    /** Objects of kinds the model does not know, which nothing here could check field by field. */
    List<GenericKubernetesResource> generic() {
        return all(GenericKubernetesResource.class);
    }

    /**
     * Walks the model objects below {@code value}: every fabric8 model class keeps fields it does not
     * know in a map named {@code additionalProperties}.
     */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "[" + key + "]", unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(key -> unknown.add(path + "." + key));
                    }
                } else {
                    collectUnknownFields(fieldValue, path + "." + field.getName(), unknown);
                }
            }
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
