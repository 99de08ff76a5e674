package io.exdesk.ticket.domain.intake;

import java.util.List;
import java.util.Locale;

/**
 * The label a customer wrote in front of a value ("TxID: ", "\"transactionHash\": \"", "私钥是",
 * "my key is "), normalised so that one list of cue words covers every notation: camelCase,
 * snake_case and kebab-case become words, case is ignored, and separators, quotes and a connector
 * ("is", "是", "为") between label and value are skipped.
 */
final class Labels {

    /** What may stand between a label and its value: "TxID: ", "hash = ", "/tx/", "(", quotes. */
    private static final String SEPARATORS = " \t\r\n\u3000:：=>#(（)）[]【】{}\"'“”‘’`/-,，";
    private static final List<String> CONNECTORS = List.of("is", "was", "are");
    /** Longest first. */
    private static final List<String> CHINESE_CONNECTORS = List.of(
            "设置为", "設置為", "设置成", "設置成", "如下", "就是", "设为", "設為", "改为", "改為", "改成", "是", "为", "為");
    private static final int MAX_LABEL = 40;

    /** Cues after which a hash-shaped value is a transaction (or block) hash. Normalised. */
    static final List<String> TRANSACTION = List.of(
            "tx", "txs", "txid", "txids", "tx id", "tx ids", "txn", "txn id", "txhash", "tx hash", "txn hash",
            "tx hashes", "transaction", "transactions", "transaction id", "transaction hash", "transaction hashes",
            "hash", "hashes", "block hash", "deposit hash", "withdrawal hash", "trx id", "signature",
            "交易哈希", "哈希", "哈希值", "交易id", "交易号", "交易编号", "交易單號", "交易单号", "交易hash", "交易",
            "转账哈希", "轉賬哈希", "充值哈希", "提现哈希", "提幣哈希", "提币哈希", "交易雜湊", "雜湊", "雜湊值", "交易序號",
            "区块哈希", "區塊哈希");

    /** Cues after which a key-shaped value is a private key. Normalised. */
    static final List<String> PRIVATE_KEY = List.of(
            "private key", "privatekey", "priv key", "privkey", "pk", "key", "wif", "私钥", "私鑰");

    /**
     * Labels that end like a private-key cue but name something else: public keys, and the keys
     * and secrets of an exchange's API-key pair (which {@link Credentials} redacts). Normalised.
     */
    private static final List<String> NOT_PRIVATE_KEY = List.of(
            "public key", "pub key", "pubkey", "publickey", "view key", "xpub key", "公钥", "公鑰",
            "api key", "apikey", "access key", "secret key", "secretkey");

    private Labels() {
    }

    /** Whether the label right before {@code at} names a transaction. */
    static boolean isTransaction(String text, int at) {
        return endsWithAny(before(text, at), TRANSACTION);
    }

    /** Whether the label right before {@code at} names a private key (and not a public or an API key). */
    static boolean isPrivateKey(String text, int at) {
        String label = before(text, at);
        return endsWithAny(label, PRIVATE_KEY) && !endsWithAny(label, NOT_PRIVATE_KEY);
    }

    /**
     * The normalised label right before {@code at}: "TxID: " gives "tx id", "\"transaction_hash\": \""
     * gives "transaction hash", "交易ID为" gives "交易id"; empty when there is none.
     */
    static String before(String text, int at) {
        int limit = Math.max(0, at - MAX_LABEL - 16);
        int i = skipSeparators(text, at, limit);
        int connector = connectorLength(text, i);
        if (connector > 0) {
            i = skipSeparators(text, i - connector, limit);
        }
        int end = i;
        int start = end;
        while (start > limit && end - start < MAX_LABEL && isLabelChar(text.charAt(start - 1))) {
            start--;
        }
        return normalise(text, start, end);
    }

    /** Lower case, camelCase and [_.-] split into words, one space between words. */
    static String normalise(String text, int start, int end) {
        StringBuilder out = new StringBuilder(end - start + 4);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean camel = i > start && Character.isUpperCase(c) && Character.isLowerCase(text.charAt(i - 1));
            if (c == '_' || c == '.' || c == '-' || c == ' ' || c == '\t' || camel) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                if (!camel) {
                    continue;
                }
            }
            out.append(Character.toLowerCase(c));
        }
        int length = out.length();
        while (length > 0 && out.charAt(length - 1) == ' ') {
            length--;
        }
        out.setLength(length);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code label} ends with one of {@code cues}; a cue that starts with a Latin letter must
     * start a word ("tx" is not the end of "ntx", "key" not of "monkey").
     */
    static boolean endsWithAny(String label, List<String> cues) {
        for (String cue : cues) {
            if (label.endsWith(cue)) {
                int from = label.length() - cue.length();
                boolean latin = cue.charAt(0) < 0x80;
                if (!latin || from == 0 || !isAsciiLetterOrDigit(label.charAt(from - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipSeparators(String text, int i, int limit) {
        while (i > limit && SEPARATORS.indexOf(text.charAt(i - 1)) >= 0) {
            i--;
        }
        return i;
    }

    /** Length of "is", "was", "是", "设置为" ... ending at {@code end}, or 0. */
    private static int connectorLength(String text, int end) {
        for (String word : CHINESE_CONNECTORS) {
            if (end >= word.length() && text.startsWith(word, end - word.length())) {
                return word.length();
            }
        }
        for (String word : CONNECTORS) {
            int from = end - word.length();
            if (from > 0 && text.regionMatches(true, from, word, 0, word.length())
                    && !isAsciiLetterOrDigit(text.charAt(from - 1))) {
                return word.length();
            }
        }
        return 0;
    }

    private static boolean isLabelChar(char c) {
        return isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ' ' || c == '\t'
                || Character.isIdeographic(c);
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
