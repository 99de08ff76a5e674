package io.exdesk.ticket.domain.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in the shapes wallets export them: PEM blocks, BIP-32 extended private keys, WIF
 * (Base58Check, checksum verified), 32 bytes in hex, a Solana keypair as a JSON byte array, and any
 * long key-shaped token right after a private-key label.
 *
 * <p>A hash-shaped value is not always a key: 64 hex digits are also a Bitcoin or TRON transaction
 * id, and {@code 0x} with 64 hex digits is an EVM transaction hash. The label decides
 * ({@link Labels}): after a transaction cue ("TxID:", "交易哈希", ".../tx/") it is kept; after a
 * private-key cue ("private key", "私钥", "\"privateKey\":") it is redacted. Without either, bare
 * hex is redacted (wallets export keys that way) and {@code 0x}-prefixed hex is kept unless a
 * private-key cue occurs earlier in the same sentence (EVM wallets and explorers show transaction
 * hashes that way).
 */
final class PrivateKeys {

    private static final String B58 = "1-9A-HJ-NP-Za-km-z";

    /** BIP-32 extended private keys, mainnet and testnet, BIP-49/84 variants included. */
    private static final Pattern EXTENDED_PRIVATE_KEY =
            Pattern.compile("(?<![0-9A-Za-z])[xtyzuvYZUV]prv[" + B58 + "]{20,}+");

    /** Wallet Import Format candidates; {@link #isWif} checks the Base58Check checksum. */
    private static final Pattern WIF =
            Pattern.compile("(?<![0-9A-Za-z])[5KL9c][" + B58 + "]{50,51}+(?![0-9A-Za-z])");

    /** 32 bytes in hex. */
    private static final Pattern HEX_32_BYTES =
            Pattern.compile("(?<![0-9A-Za-z])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z])");

    /** A PEM (or OpenPGP) private key block, up to its END line when there is one. */
    private static final Pattern PEM_BEGIN = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY( BLOCK)?-----");
    private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]{0,40}?PRIVATE KEY(?: BLOCK)?-----");
    private static final int MAX_PEM = 16_384;

    /** A 64-byte (Solana keypair) or 32-byte secret as a JSON array of byte values. */
    private static final Pattern BYTE_ARRAY = Pattern.compile(
            "\\[\\s*+(?:\\d{1,3}+\\s*+,\\s*+){31}+(?:(?:\\d{1,3}+\\s*+,\\s*+){32}+)?\\d{1,3}+\\s*+]");

    /** A long token of key characters (Base58, Base64, hex) that may follow a private-key label. */
    private static final Pattern KEY_TOKEN =
            Pattern.compile("(?<![0-9A-Za-z+/])[0-9A-Za-z+/]{32,200}+={0,2}+(?![0-9A-Za-z+/=])");

    /** A private-key cue anywhere in the sentence before a {@code 0x} key. */
    private static final Pattern KEY_CUE = Pattern.compile(
            "private[ _-]?key|priv[ _-]?key|secret[ _-]?key|私钥|私鑰|密钥|密鑰|秘钥",
            Pattern.CASE_INSENSITIVE);
    private static final int KEY_CUE_DISTANCE = 60;

    private PrivateKeys() {
    }

    static void find(String text, Spans spans) {
        findPem(text, spans);
        findAll(text, EXTENDED_PRIVATE_KEY, SecretKind.EXTENDED_PRIVATE_KEY, spans);
        findWif(text, spans);
        findHex(text, spans);
        findAll(text, BYTE_ARRAY, SecretKind.PRIVATE_KEY, spans);
        findLabelled(text, spans);
    }

    private static void findAll(String text, Pattern pattern, SecretKind kind, Spans spans) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            spans.add(m.start(), m.end(), kind);
        }
    }

    private static void findPem(String text, Spans spans) {
        if (text.indexOf("-----BEGIN") < 0) {
            return;
        }
        Matcher begin = PEM_BEGIN.matcher(text);
        Matcher end = PEM_END.matcher(text);
        int from = 0;
        while (from < text.length() && begin.find(from)) {
            int limit = Math.min(text.length(), begin.end() + MAX_PEM);
            end.region(begin.end(), limit);
            int stop = end.find() ? end.end() : bodyEnd(text, begin.end(), limit);
            spans.add(begin.start(), stop, SecretKind.PRIVATE_KEY);
            from = stop;
        }
    }

    /** Without an END line, the key runs on as long as Base64 and headers do. */
    private static int bodyEnd(String text, int from, int limit) {
        int i = from;
        while (i < limit) {
            char c = text.charAt(i);
            if (!(Labels.isAsciiLetterOrDigit(c) || Character.isWhitespace(c) || "+/=:,-".indexOf(c) >= 0)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static void findWif(String text, Spans spans) {
        Matcher m = WIF.matcher(text);
        while (m.find()) {
            if (isWif(text.substring(m.start(), m.end()))) {
                spans.add(m.start(), m.end(), SecretKind.PRIVATE_KEY);
            }
        }
    }

    /**
     * A Base58Check string with the private-key version byte (0x80 mainnet, 0xEF testnet) and a
     * 32-byte key, optionally followed by the 0x01 compression flag.
     */
    static boolean isWif(String candidate) {
        byte[] payload = Base58.decodeChecked(candidate);
        if (payload == null) {
            return false;
        }
        int version = payload[0] & 0xFF;
        boolean uncompressed = payload.length == 33;
        boolean compressed = payload.length == 34 && payload[33] == 0x01;
        return (version == 0x80 || version == 0xEF) && (uncompressed || compressed);
    }

    private static void findHex(String text, Spans spans) {
        Matcher m = HEX_32_BYTES.matcher(text);
        int lastHashEnd = -1;
        while (m.find()) {
            int start = m.start();
            boolean prefixed = text.charAt(start) == '0' && (text.charAt(start + 1) | 0x20) == 'x'
                    && m.end() - start == 66;
            boolean listedAfterHash = lastHashEnd >= 0 && isListSeparator(text, lastHashEnd, start);
            if (listedAfterHash || Labels.isTransaction(text, start)) {
                lastHashEnd = m.end();
            } else if (!prefixed || Labels.isPrivateKey(text, start) || keyCueInSentence(text, start)) {
                spans.add(start, m.end(), SecretKind.PRIVATE_KEY);
            }
        }
    }

    /** Any long key-shaped token right after a private-key label ("private key: 4Z7c…", "私钥：…"). */
    private static void findLabelled(String text, Spans spans) {
        Matcher m = KEY_TOKEN.matcher(text);
        while (m.find()) {
            if (!spans.overlaps(m.start(), m.end()) && Labels.isPrivateKey(text, m.start())
                    && !Labels.isTransaction(text, m.start())) {
                spans.add(m.start(), m.end(), SecretKind.PRIVATE_KEY);
            }
        }
    }

    /** Whether a private-key cue occurs before {@code at} in the same sentence. */
    private static boolean keyCueInSentence(String text, int at) {
        int from = at;
        int limit = Math.max(0, at - KEY_CUE_DISTANCE);
        while (from > limit && "。！？!?\n".indexOf(text.charAt(from - 1)) < 0) {
            from--;
        }
        Matcher m = KEY_CUE.matcher(text);
        m.region(from, at);
        return m.find();
    }

    /** "a, b", "a and b", "a 和 b": a second hash listed after a kept one is kept too. */
    private static boolean isListSeparator(String text, int from, int to) {
        if (to - from > 8) {
            return false;
        }
        StringBuilder gap = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && ",，、;/&".indexOf(c) < 0) {
                gap.append(Character.toLowerCase(c));
            }
        }
        String word = gap.toString();
        return word.isEmpty() || word.equals("and") || word.equals("和") || word.equals("及") || word.equals("以及");
    }
}
