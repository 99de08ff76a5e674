package io.exdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event type: its sample serialises to JSON valid under its schema, and schema and record agree. */
class EventSchemaTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleIsOfItsType(EventType type) {
        ExDeskEvent sample = Samples.of(type);

        assertThat(sample).isInstanceOf(type.payloadType());
        assertThat(EventType.of(sample)).isSameAs(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serialisedSampleIsValidUnderItsSchema(EventType type) {
        String json = Json.write(Samples.of(type));

        assertThat(Json.validate(type, json)).as(json).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serialisedSampleUsesRecordComponentNamesOnly(EventType type) throws IOException {
        JsonNode json = Json.MAPPER.readTree(Json.write(Samples.of(type)));

        assertThat(fieldNames(json)).containsExactlyElementsOf(componentNames(type));
        assertThat(json.get("occurredAt").isTextual()).as("instants are ISO-8601 strings").isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void deserialisesBackToAnEqualRecord(EventType type) throws IOException {
        ExDeskEvent sample = Samples.of(type);

        ExDeskEvent read = Json.MAPPER.readValue(Json.write(sample), type.payloadType());

        assertThat(read).isEqualTo(sample);
        assertThat(read.key()).isEqualTo(sample.key());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownPropertiesAreToleratedBySchemaAndReader(EventType type) throws IOException {
        ExDeskEvent sample = Samples.of(type);
        ObjectNode json = sampleJson(type);
        json.put("addedInALaterVersion", "ignored");

        assertThat(Json.validate(type, json.toString())).isEmpty();
        assertThat(Json.MAPPER.readValue(json.toString(), type.payloadType())).isEqualTo(sample);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void missingRequiredFieldIsRejected(EventType type) throws IOException {
        List<String> required = textValues(schemaJson(type).get("required"));
        assertThat(required).isNotEmpty();

        for (String field : required) {
            ObjectNode json = sampleJson(type);
            json.remove(field);

            assertThat(Json.validate(type, json.toString())).as("without %s", field).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownEnumValueIsRejected(EventType type) throws IOException {
        for (String field : enumFields(type)) {
            ObjectNode json = sampleJson(type);
            json.put(field, "NOT_A_" + field.toUpperCase(java.util.Locale.ROOT));

            assertThat(Json.validate(type, json.toString())).as("%s with an unknown value", field).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void malformedFormatsAreRejected(EventType type) throws IOException {
        ObjectNode badTime = sampleJson(type);
        badTime.put("occurredAt", "14/03/2026 02:17");
        assertThat(Json.validate(type, badTime.toString())).as("occurredAt not a date-time").isNotEmpty();

        if (Samples.of(type) instanceof TicketScopedEvent) {
            ObjectNode badId = sampleJson(type);
            badId.put("ticketId", "EXD-104233");
            assertThat(Json.validate(type, badId.toString())).as("ticketId not a uuid").isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDescribesExactlyTheRecordComponents(EventType type) throws IOException {
        JsonNode schema = schemaJson(type);

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("$id").asText()).endsWith("/" + type.ceType() + ".json");
        assertThat(schema.get("title").asText()).isEqualTo(type.ceType());
        assertThat(schema.get("description").asText()).isNotBlank();
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(fieldNames(schema.get("properties"))).containsExactlyElementsOf(componentNames(type));
        assertThat(schema.path("additionalProperties").asBoolean(true)).isTrue();

        for (RecordComponent component : type.payloadType().getRecordComponents()) {
            JsonNode property = schema.get("properties").get(component.getName());
            assertThat(property.get("description").asText()).as(component.getName()).isNotBlank();
            if (component.getType().isEnum()) {
                List<String> constants = Arrays.stream(component.getType().getEnumConstants())
                        .map(c -> ((Enum<?>) c).name()).collect(Collectors.toList());
                // A nullable enum lists null among its values, or the enum would refuse the null its type allows.
                boolean nullable = property.get("type").toString().contains("null");
                List<String> listed = new ArrayList<>();
                property.get("enum").forEach(v -> listed.add(v.isNull() ? null : v.asText()));
                assertThat(listed.contains(null)).as("%s lists null exactly when nullable", component.getName())
                        .isEqualTo(nullable);
                listed.remove(null);
                assertThat(listed).as(component.getName()).isEqualTo(constants);
            }
            assertThat(property.get("type").toString()).as(component.getName()).contains(jsonType(component.getType()));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordRejectsNullExactlyWhereTheSchemaRequiresAValue(EventType type) throws Throwable {
        ExDeskEvent sample = Samples.of(type);
        Set<String> required = Set.copyOf(textValues(schemaJson(type).get("required")));
        RecordComponent[] components = type.payloadType().getRecordComponents();
        Constructor<?> canonical = type.payloadType().getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));

        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (components[i].getType().isPrimitive()) {
                assertThat(required).as("primitive %s is always present", name).contains(name);
                continue;
            }
            Object[] args = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                args[j] = components[j].getAccessor().invoke(sample);
            }
            args[i] = null;
            if (required.contains(name)) {
                assertThatThrownBy(() -> newInstance(canonical, args))
                        .as("null %s", name)
                        .isInstanceOf(NullPointerException.class)
                        .hasMessage(name);
            } else {
                assertThat(newInstance(canonical, args)).as("nullable %s", name).isNotNull();
            }
        }
    }

    private static Object newInstance(Constructor<?> constructor, Object[] args) throws Throwable {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String jsonType(Class<?> javaType) {
        if (javaType == boolean.class) {
            return "\"boolean\"";
        }
        if (javaType == int.class || javaType == long.class) {
            return "\"integer\"";
        }
        if (javaType == double.class) {
            return "\"number\"";
        }
        if (List.class.isAssignableFrom(javaType)) {
            return "\"array\"";
        }
        // Strings, enums, UUIDs and Instants are all JSON strings.
        return "\"string\"";
    }

    private static List<String> enumFields(EventType type) {
        return Arrays.stream(type.payloadType().getRecordComponents())
                .filter(c -> c.getType().isEnum())
                .map(RecordComponent::getName)
                .collect(Collectors.toList());
    }

    private static List<String> componentNames(EventType type) {
        return Arrays.stream(type.payloadType().getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toList());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static ObjectNode sampleJson(EventType type) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(Json.write(Samples.of(type)));
    }

    private static JsonNode schemaJson(EventType type) throws IOException {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream(type.schemaPath())) {
            assertThat(in).as(type.schemaPath()).isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }
}
