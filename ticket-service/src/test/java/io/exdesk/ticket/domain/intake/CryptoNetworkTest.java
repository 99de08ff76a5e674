package io.exdesk.ticket.domain.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Networks by name or alias in any spelling, and the shape of each one's transaction ids. */
class CryptoNetworkTest {

    private static final String HEX = "7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a";

    @ParameterizedTest
    @CsvSource({
        "ERC20, ERC20", "erc20, ERC20", "ERC-20, ERC20", " eth , ERC20", "Ethereum, ERC20", "Ethereum (ERC20), ERC20",
        "TRC20, TRC20", "trc-20, TRC20", "Tron, TRC20", "TRX, TRC20", "BEP20, BEP20", "bsc, BEP20",
        "BNB Smart Chain, BEP20", "BEP20 (BSC), BEP20", "SOL, SOL", "solana, SOL", "btc, BTC", "Bitcoin, BTC",
        "avax c-chain, AVAXC", "Arbitrum One, ARBITRUM", "polygon, POLYGON", "Bitcoin Cash, BCH"})
    void namesAndAliasesInAnySpellingAreKnown(String name, CryptoNetwork network) {
        assertThat(CryptoNetwork.of(name)).contains(network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ERC21", "TRC", "moon", "ERC20;", "ETH\u0000", "以太坊", "BTC BTC"})
    void anythingElseIsUnknown(String name) {
        assertThat(CryptoNetwork.of(name)).isEmpty();
    }

    @Test
    void transactionIdsHaveTheirNetworksShape() {
        assertThat(CryptoNetwork.ERC20.txShape().matches("0x" + HEX)).isTrue();
        assertThat(CryptoNetwork.ERC20.txShape().matches("0X" + HEX.toUpperCase())).isTrue();
        assertThat(CryptoNetwork.ERC20.txShape().matches(HEX)).isFalse();
        assertThat(CryptoNetwork.ERC20.txShape().matches("0x" + HEX.substring(1))).isFalse();
        assertThat(CryptoNetwork.TRC20.txShape().matches(HEX)).isTrue();
        assertThat(CryptoNetwork.TRC20.txShape().matches("0x" + HEX)).isFalse();
        assertThat(CryptoNetwork.BTC.txShape().matches(HEX.replace('f', 'g'))).isFalse();
        String signature = RedactionPropertiesTest.base58(RedactionPropertiesTest.concat(new byte[] {9}, new byte[63]));
        assertThat(CryptoNetwork.SOL.txShape().matches(signature)).isTrue();
        String address = RedactionPropertiesTest.base58(RedactionPropertiesTest.concat(new byte[] {9}, new byte[31]));
        assertThat(CryptoNetwork.SOL.txShape().matches(address)).as("32 bytes: an address").isFalse();
        assertThat(CryptoNetwork.SOL.txShape().matches(signature.replace('1', '0'))).as("0 is not Base58").isFalse();
        assertThat(CryptoNetwork.isAnyTransactionId("0x" + HEX)).isTrue();
        assertThat(CryptoNetwork.isAnyTransactionId("deposit 42")).isFalse();
    }

    @Test
    void assetsAreTickersStoredInUpperCase() {
        assertThat(CryptoNetwork.asset(" usdt ")).contains("USDT");
        assertThat(CryptoNetwork.asset("1inch")).contains("1INCH");
        assertThat(CryptoNetwork.asset("U")).isEmpty();
        assertThat(CryptoNetwork.asset("Tether USD")).isEmpty();
        assertThat(CryptoNetwork.asset("USDT.e")).isEmpty();
        assertThat(CryptoNetwork.asset(null)).isEqualTo(Optional.empty());
    }
}
