package io.exdesk.ticket.domain.intake;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The networks a ticket's transaction may be on, each with the shape of its transaction ids. A
 * network is named case-insensitively by its canonical name or an alias ("erc-20", "Ethereum",
 * "TRON", "BSC"); the ticket stores the canonical name.
 */
public enum CryptoNetwork {
    BTC(TxShape.HEX_64, "BITCOIN"),
    ERC20(TxShape.EVM, "ETH", "ETHEREUM", "ETHEREUMERC20"),
    TRC20(TxShape.HEX_64, "TRON", "TRX", "TRONTRC20"),
    BEP20(TxShape.EVM, "BSC", "BNBSMARTCHAIN", "BEP20BSC", "BSCBEP20", "BNBSMARTCHAINBEP20"),
    SOL(TxShape.SOLANA, "SOLANA", "SPL"),
    POLYGON(TxShape.EVM, "MATIC", "POL", "POLYGONPOS"),
    ARBITRUM(TxShape.EVM, "ARB", "ARBITRUMONE"),
    OPTIMISM(TxShape.EVM, "OP"),
    AVAXC(TxShape.EVM, "AVAX", "AVAXCCHAIN", "AVALANCHE", "AVALANCHECCHAIN"),
    BASE(TxShape.EVM),
    LTC(TxShape.HEX_64, "LITECOIN"),
    DOGE(TxShape.HEX_64, "DOGECOIN"),
    BCH(TxShape.HEX_64, "BITCOINCASH"),
    XRP(TxShape.HEX_64, "RIPPLE"),
    ADA(TxShape.HEX_64, "CARDANO");

    /** How a network writes a transaction id. */
    public enum TxShape {
        /** {@code 0x} and 64 hex digits (Ethereum and the EVM chains). */
        EVM("0x followed by 64 hex digits"),
        /** 64 hex digits (Bitcoin and its forks, TRON, XRP, Cardano). */
        HEX_64("64 hex digits"),
        /** A Base58 signature of 64 bytes (87 or 88 characters). */
        SOLANA("a Base58 signature of 64 bytes (87 or 88 characters)");

        private static final Pattern EVM_ID = Pattern.compile("0[xX][0-9a-fA-F]{64}");
        private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{64}");

        private final String description;

        TxShape(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public boolean matches(String txId) {
            return switch (this) {
                case EVM -> EVM_ID.matcher(txId).matches();
                case HEX_64 -> HEX_ID.matcher(txId).matches();
                case SOLANA -> txId.length() >= 64 && txId.length() <= 90 && isBase58Of64Bytes(txId);
            };
        }

        private static boolean isBase58Of64Bytes(String txId) {
            byte[] bytes = Base58.decode(txId);
            return bytes != null && bytes.length == 64;
        }
    }

    private static final Map<String, CryptoNetwork> BY_NAME = names();
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{2,10}");

    private final TxShape txShape;
    private final List<String> aliases;

    CryptoNetwork(TxShape txShape, String... aliases) {
        this.txShape = txShape;
        this.aliases = List.of(aliases);
    }

    public TxShape txShape() {
        return txShape;
    }

    /**
     * The network a client named: case, surrounding blanks and the separators in "ERC-20",
     * "BNB Smart Chain" or "AVAX C-Chain" do not matter.
     */
    public static Optional<CryptoNetwork> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                key.append(Character.toUpperCase(c));
            } else if (" -_()/.".indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(BY_NAME.get(key.toString()));
    }

    /** Whether {@code txId} (already trimmed) has the shape of a transaction id of any network. */
    public static boolean isAnyTransactionId(String txId) {
        return Arrays.stream(TxShape.values()).anyMatch(shape -> shape.matches(txId));
    }

    /** The canonical ticker of an asset ("usdt " is USDT), or empty if it is not a ticker. */
    public static Optional<String> asset(String asset) {
        if (asset == null) {
            return Optional.empty();
        }
        String ticker = asset.strip().toUpperCase(Locale.ROOT);
        return ASSET.matcher(ticker).matches() ? Optional.of(ticker) : Optional.empty();
    }

    /** The canonical names, for error messages: "BTC, ERC20, TRC20, ...". */
    public static String describeAll() {
        StringBuilder out = new StringBuilder();
        for (CryptoNetwork network : values()) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(network.name());
        }
        return out.toString();
    }

    private static Map<String, CryptoNetwork> names() {
        Map<String, CryptoNetwork> byName = new HashMap<>();
        for (CryptoNetwork network : values()) {
            byName.put(network.name(), network);
            for (String alias : network.aliases) {
                if (byName.put(alias, network) != null) {
                    throw new IllegalStateException("network name used twice: " + alias);
                }
            }
        }
        return Map.copyOf(byName);
    }
}
