package io.exdesk.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Refuses request text that contains U+0000 while the body is read. PostgreSQL text cannot hold
 * that character, so such a value would otherwise fail at the database as a 500; this way it is a
 * 400 that names the field ({@link ProblemMappers#mismatchedInput}), before anything is written.
 */
@Singleton
public class NulCharacterGuard implements ObjectMapperCustomizer {

    /** The field error's message. */
    static final String MESSAGE = "must not contain the NUL character (U+0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("exdesk-no-nul").addDeserializer(String.class, new Deserializer()));
    }

    private static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, MESSAGE, value, String.class);
            }
            return value;
        }
    }
}
