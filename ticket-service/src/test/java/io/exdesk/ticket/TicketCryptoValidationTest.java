package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code crypto.asset}, {@code crypto.network} and {@code crypto.txId} are validated: a ticker, a
 * known network (any case, aliases), a transaction id of that network's shape. A valid value is
 * stored in canonical form; an invalid one is a 400 problem naming the field, and nothing is saved.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketCryptoValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEX = "7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a";
    /** A Solana transaction signature (Base58 of 64 bytes). */
    private static final String SOLANA =
            "48BRos7ERt8WrDjSzwFkjSspkPkhggftXXuLZfsWN7obkinnUnSPAUEe3aTM97tqRQZ5TE84ZHou9GuRr8rP9F7a";

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        // asset | network | txId | stored asset | stored network
        "USDT | TRC20 | " + HEX + " | USDT | TRC20",
        "' usdt ' | ' tron ' | " + HEX + " | USDT | TRC20",
        "Usdt | Trc-20 | '  " + HEX + "\n ' | USDT | TRC20",
        "ETH | erc20 | 0x" + HEX + " | ETH | ERC20",
        "USDC | Ethereum | 0X" + HEX + " | USDC | ERC20",
        "BNB | BSC | 0x" + HEX + " | BNB | BEP20",
        "USDT | BNB Smart Chain | 0x" + HEX + " | USDT | BEP20",
        "BTC | bitcoin | " + HEX + " | BTC | BTC",
        "BTC | BTC | 7F3A9C0E1B2D4F6A8C0E1B2D4F6A8C0E1B2D4F6A8C0E1B2D4F6A8C0E1B2D4F6A | BTC | BTC",
        "SOL | solana | " + SOLANA + " | SOL | SOL",
        "MATIC | polygon | 0x" + HEX + " | MATIC | POLYGON",
        "1INCH | arbitrum one | 0x" + HEX + " | 1INCH | ARBITRUM",
    })
    void validDetailsAreStoredInCanonicalForm(String asset, String network, String txId, String storedAsset,
                                              String storedNetwork) {
        ExtractableResponse<Response> created = post(crypto(asset, network, txId)).statusCode(201).extract();

        assertThat((String) created.path("crypto.asset")).isEqualTo(storedAsset);
        assertThat((String) created.path("crypto.network")).isEqualTo(storedNetwork);
        assertThat((String) created.path("crypto.txId")).isEqualTo(txId.strip());
        assertThat(Db.queryOne(dataSource, "SELECT crypto_network FROM ticket WHERE id = ?",
                UUID.fromString(created.path("id")))).isEqualTo(storedNetwork);
    }

    @ParameterizedTest(name = "{0}: {1} / {2} / {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // the field named | asset | network | txId
        "crypto.asset | US DT | TRC20 | " + HEX,
        "crypto.asset | '' | TRC20 | " + HEX,
        "crypto.asset | Tether USD | TRC20 | " + HEX,
        "crypto.asset | USDT<script> | TRC20 | " + HEX,
        "crypto.asset | X | TRC20 | " + HEX,
        "crypto.network | USDT | TRC21 | " + HEX,
        "crypto.network | USDT | '' | " + HEX,
        "crypto.network | USDT | moon chain | " + HEX,
        "crypto.network | USDT | ERC20; DROP TABLE ticket | " + HEX,
        "crypto.txId | USDT | ERC20 | " + HEX,
        "crypto.txId | USDT | erc20 | 0x" + HEX + "00",
        "crypto.txId | USDT | ERC20 | 0x123",
        "crypto.txId | USDT | TRC20 | 0x" + HEX,
        "crypto.txId | BTC | BTC | " + HEX + "z",
        "crypto.txId | BTC | bitcoin | my deposit",
        "crypto.txId | SOL | SOL | " + HEX,
        "crypto.txId | SOL | solana | 5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnb",
        "crypto.txId | USDT | NULL | not-a-transaction",
        "crypto.txId | USDT | NULL | ''",
    })
    void invalidDetailsAreRejectedNamingTheFieldAndNothingIsSaved(String field, String asset, String network, String txId) {
        long tickets = Db.count(dataSource, "SELECT count(*) FROM ticket");
        long outbox = Db.count(dataSource, "SELECT count(*) FROM outbox_event");

        post(crypto(asset, network, txId)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/validation"))
                .body("errors.field", hasItem(field))
                .body("errors.field", not(hasItem("crypto")));

        assertThat(Db.count(dataSource, "SELECT count(*) FROM ticket")).isEqualTo(tickets);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM outbox_event")).isEqualTo(outbox);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ERC20", "TRC20", "SOL"})
    void theMessageSaysWhatShapeTheNetworkWants(String network) {
        String message = post(crypto("USDT", network, "abc")).statusCode(400).extract().path("errors[0].message");
        assertThat(message).contains(network).containsAnyOf("hex digits", "Base58");
    }

    private static ObjectNode crypto(String asset, String network, String txId) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("customer").put("id", "crypto-" + UUID.randomUUID()).put("tier", "STANDARD").put("language", "en");
        request.put("channel", "WEB").put("subject", "Deposit missing").put("description", "My deposit is not credited");
        ObjectNode crypto = request.putObject("crypto");
        crypto.put("asset", asset).put("network", network).put("txId", txId).put("amount", 12.5);
        return request;
    }

    private static io.restassured.response.ValidatableResponse post(ObjectNode body) {
        return platform().body(body.toString()).post("/api/v1/tickets").then();
    }
}
