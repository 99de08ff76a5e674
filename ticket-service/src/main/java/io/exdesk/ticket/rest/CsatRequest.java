package io.exdesk.ticket.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;

/**
 * The customer's CSAT rating, as the platform submits it.
 *
 * @param rating  1 (very dissatisfied) to 5 (very satisfied); a whole JSON number, so 4.5 or "4" is refused
 *                rather than rounded
 * @param comment optional; blank is none
 */
public record CsatRequest(
        @NotNull @Min(1) @Max(5) @JsonDeserialize(using = CsatRequest.WholeNumber.class) Integer rating,
        @Size(max = CsatRequest.MAX_COMMENT) String comment) {

    /** The longest comment, in UTF-16 units: a rating's remark, not a conversation. */
    public static final int MAX_COMMENT = 2000;

    /** Jackson would truncate 4.5 to 4 and read "4" as 4: a rating is what the customer chose, or nothing. */
    static final class WholeNumber extends StdDeserializer<Integer> {

        WholeNumber() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || parser.getNumberType() != JsonParser.NumberType.INT) {
                throw InvalidFormatException.from(parser, "a whole number from 1 to 5", parser.getText(), Integer.class);
            }
            return parser.getIntValue();
        }
    }
}
