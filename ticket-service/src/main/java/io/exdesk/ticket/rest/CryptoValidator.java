package io.exdesk.ticket.rest;

import io.exdesk.ticket.domain.intake.CryptoNetwork;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/**
 * Checks {@link CreateTicketRequest.Crypto}: the asset is a ticker, the network one of
 * {@link CryptoNetwork} (any case, an alias will do), the transaction id of the network's shape
 * (or of some network's shape when none is named). Surrounding blanks are ignored, as the request
 * is stored in canonical form ({@link CreateTicketRequest.Crypto#toCommand()}).
 */
public class CryptoValidator implements ConstraintValidator<ValidCrypto, CreateTicketRequest.Crypto> {

    static final String ASSET_MESSAGE = "must be a ticker of 2 to 10 letters or digits, such as USDT or BTC";
    static final String NETWORK_MESSAGE = "must be one of " + CryptoNetwork.describeAll()
            + " (any case; aliases such as ETH, TRON, BSC and SOLANA are accepted)";
    static final String ANY_TX_ID_MESSAGE =
            "must be a transaction id: 0x followed by 64 hex digits, 64 hex digits, or a Solana signature";

    @Override
    public boolean isValid(CreateTicketRequest.Crypto crypto, ConstraintValidatorContext context) {
        if (crypto == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (crypto.asset() != null && CryptoNetwork.asset(crypto.asset()).isEmpty()) {
            valid = violation(context, "asset", ASSET_MESSAGE);
        }
        Optional<CryptoNetwork> network = CryptoNetwork.of(crypto.network());
        if (crypto.network() != null && network.isEmpty()) {
            valid = violation(context, "network", NETWORK_MESSAGE);
        }
        if (crypto.txId() != null) {
            String txId = crypto.txId().strip();
            if (network.isPresent()) {
                CryptoNetwork.TxShape shape = network.get().txShape();
                if (!shape.matches(txId)) {
                    valid = violation(context, "txId", "must be " + shape.description() + " on " + network.get());
                }
            } else if (crypto.network() == null && !CryptoNetwork.isAnyTransactionId(txId)) {
                valid = violation(context, "txId", ANY_TX_ID_MESSAGE);
            }
        }
        return valid;
    }

    private static boolean violation(ConstraintValidatorContext context, String field, String message) {
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                .addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
