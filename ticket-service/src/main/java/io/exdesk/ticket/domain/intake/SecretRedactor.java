package io.exdesk.ticket.domain.intake;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets that customers paste into tickets (private keys, extended private keys, BIP-39
 * seed phrases, passwords, 2FA codes) by a marker such as {@code [REDACTED:PRIVATE_KEY]}, before
 * anything is stored or emitted.
 *
 * <p>What must stay readable stays: addresses, transaction hashes (a 64-hex string right after a
 * transaction cue such as "TxID" or "交易哈希"), amounts and order ids. Detection errs towards
 * redacting when a string has the exact shape of a key and no transaction cue, and towards keeping
 * when a cue word is not followed by something that looks like a secret ("forgot my password",
 * "the 2FA code never arrives").
 *
 * <p>Stateless and thread-safe; all patterns are compiled once, are linear in the input (bounded or
 * possessive quantifiers, no nested repetition) and a call allocates only when it finds something.
 * Counting redactions is the caller's job.
 */
@Singleton
public class SecretRedactor {

    private static final String B58 = "1-9A-HJ-NP-Za-km-z";

    /** BIP-32 extended private keys, mainnet and testnet, BIP-49/84 variants included. */
    private static final Pattern EXTENDED_PRIVATE_KEY =
            Pattern.compile("(?<![0-9A-Za-z])[xtyzuvYZUV]prv[" + B58 + "]{20,}+");

    /** Wallet Import Format candidates; {@link #isWif} checks the Base58Check checksum. */
    private static final Pattern WIF =
            Pattern.compile("(?<![0-9A-Za-z])[5KL9c][" + B58 + "]{50,51}+(?![0-9A-Za-z])");

    /** 32 bytes in hex: a raw private key unless a transaction cue precedes it. */
    private static final Pattern HEX_32_BYTES =
            Pattern.compile("(?<![0-9A-Za-z])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z])");

    /** A password cue; the secret is the token right after the match. */
    private static final Pattern PASSWORD_CUE = Pattern.compile(
            "(?:(?<![a-z])(?:password|passwd|passcode|pass code|pwd)"
                    + "(?:[ \\t]*[:=：]|[ \\t]+(?:is|was)(?![a-z])[ \\t]*[:=：]?)"
                    + "|(?:密码|密碼|口令)[ \\t]*(?:是|为|為|[:=：])[ \\t]*[:：]?)[ \\t\\u3000]*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A 2FA cue, connecting words, then the code (group 1): 6-8 digits or "123 456". */
    private static final Pattern TWO_FACTOR_CODE = Pattern.compile(
            "(?:(?<![a-z0-9])(?:2fa|mfa|otp|totp|authenticator|auth code|sms code|verification code"
                    + "|security code|one[- ]time code|one[- ]time password)"
                    + "|谷歌验证码|谷歌验证|验证码|驗證碼|动态码|動態碼|校验码|安全码|短信码)"
                    + "(?:[\\s:=：,，]|(?<![a-z])(?:code|codes|is|was|number)(?![a-z])|是|为|為)*+"
                    + "(\\d{6,8}|\\d{3}[ -]\\d{3})(?!\\d)",
            Pattern.CASE_INSENSITIVE);

    /** What may stand between a transaction cue and the hash: "TxID: ", "hash = ", "/tx/". */
    private static final String CUE_SEPARATORS = " \t\r\n\u3000:：=#(（[\"'“”‘’`/-";

    /** Cues after which a 64-hex string is a transaction (or block) hash, not a key. Lower case. */
    private static final List<String> TRANSACTION_CUES = List.of(
            "txid", "txids", "tx id", "tx ids", "tx", "txn", "txn id", "txhash", "tx hash", "txn hash",
            "transaction", "transaction id", "transaction hash", "hash", "hashes", "tx hashes",
            "交易哈希", "哈希", "哈希值", "交易id", "交易号", "交易编号", "交易hash");

    /** Words after "password is" that describe the password instead of being it. Lower case. */
    private static final Set<String> NOT_A_PASSWORD = Set.of(
            "wrong", "incorrect", "not", "correct", "invalid", "expired", "too", "being", "still", "reset",
            "changed", "locked", "required", "rejected", "the", "a", "an", "my", "your", "same", "weak",
            "strong", "ok", "okay", "fine", "right", "definitely", "always", "blocked", "forgotten", "lost",
            "missing", "no", "also", "now", "never", "and", "but", "or", "because", "so", "that", "this",
            "it", "what", "which", "when", "for", "of", "in", "on", "at", "to", "with", "just", "probably",
            "very", "only", "stored", "saved", "set", "updated", "accepted", "working", "empty", "case",
            "sensitive", "case-sensitive", "different", "new", "old", "hidden", "unknown", "n/a", "how", "why", "where", "who", "please", "here", "below", "above", "attached");

    private static final List<String> CONNECTORS = List.of("is", "was");

    private static final int MIN_SEED_WORDS = 12;
    private static final int MAX_PASSWORD_LENGTH = 128;

    public SecretRedactor() {
        // fail when the bean is created, not on a customer's ticket, if the wordlists are broken
        Bip39Wordlists.ensureLoaded();
    }

    /**
     * Redacts every secret in {@code text}.
     *
     * @return the redacted text with what was found; for text without secrets, the very same
     *         string with {@code redacted == false}
     */
    public Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return Redaction.unchanged(text);
        }
        Spans spans = new Spans();
        findPattern(text, EXTENDED_PRIVATE_KEY, SecretKind.EXTENDED_PRIVATE_KEY, spans);
        findWif(text, spans);
        findHexKeys(text, spans);
        findSeedPhrases(text, spans);
        findPasswords(text, spans);
        findTwoFactorCodes(text, spans);
        return spans.apply(text);
    }

    private static void findPattern(String text, Pattern pattern, SecretKind kind, Spans spans) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            spans.add(m.start(), m.end(), kind);
        }
    }

    // --- private keys ---------------------------------------------------------------------

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

    private static void findHexKeys(String text, Spans spans) {
        Matcher m = HEX_32_BYTES.matcher(text);
        int lastHashEnd = -1;
        while (m.find()) {
            int start = m.start();
            boolean listedAfterHash = lastHashEnd >= 0 && isListSeparator(text, lastHashEnd, start);
            if (listedAfterHash || followsTransactionCue(text, start)) {
                lastHashEnd = m.end();
            } else {
                spans.add(start, m.end(), SecretKind.PRIVATE_KEY);
            }
        }
    }

    /** Whether a transaction cue ("TxID:", "tx hash is", "交易哈希", ".../tx/") ends right before {@code at}. */
    static boolean followsTransactionCue(String text, int at) {
        int limit = Math.max(0, at - 64);
        int i = skipCueSeparators(text, at, limit);
        int connector = connectorLength(text, i);
        if (connector > 0) {
            i = skipCueSeparators(text, i - connector, limit);
        }
        for (String cue : TRANSACTION_CUES) {
            int from = i - cue.length();
            if (from >= limit && text.regionMatches(true, from, cue, 0, cue.length())
                    && (!isAsciiLetterOrDigit(cue.charAt(0)) || from == 0 || !isAsciiLetterOrDigit(text.charAt(from - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static int skipCueSeparators(String text, int i, int limit) {
        while (i > limit && CUE_SEPARATORS.indexOf(text.charAt(i - 1)) >= 0) {
            i--;
        }
        return i;
    }

    /** Length of "is", "was", "是", "为" ending at {@code end}, or 0. */
    private static int connectorLength(String text, int end) {
        if (end > 0) {
            char c = text.charAt(end - 1);
            if (c == '是' || c == '为' || c == '為') {
                return 1;
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

    /** "a, b", "a and b", "a 和 b": a second hash listed after a cued one is a hash too. */
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

    // --- seed phrases ---------------------------------------------------------------------

    private static final int NO_RUN = 0;
    private static final int ENGLISH = 1;
    private static final int CHINESE = 2;

    /**
     * Runs of at least twelve BIP-39 words of one language. English words are Latin-letter tokens
     * of 3-8 letters; Chinese words are single characters that stand alone (a separator on both
     * sides), so ordinary Chinese prose, full of wordlist characters, never forms a run.
     */
    private static void findSeedPhrases(String text, Spans spans) {
        SeedRun run = new SeedRun(text, spans);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isAsciiLetter(c)) {
                int end = i + 1;
                while (end < n && isAsciiLetter(text.charAt(end))) {
                    end++;
                }
                boolean word = end - i >= 3 && end - i <= 8
                        && (end == n || !isAsciiDigit(text.charAt(end)))
                        && Bip39Wordlists.isEnglishWord(text.substring(i, end).toLowerCase(Locale.ROOT));
                run.token(ENGLISH, i, end, word);
                i = end;
            } else if (Character.isLetterOrDigit(c)) {
                boolean word = Bip39Wordlists.isChineseWord(c)
                        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                        && (i + 1 == n || !Character.isLetterOrDigit(text.charAt(i + 1)));
                if (word) {
                    run.token(CHINESE, i, i + 1, true);
                } else if (!Character.isDigit(c)) {
                    run.token(NO_RUN, i, i + 1, false);
                }
                i++;
            } else {
                i++;
            }
        }
        run.finish();
    }

    private static final class SeedRun {
        private final String text;
        private final Spans spans;
        private int kind = NO_RUN;
        private int start;
        private int end;
        private int words;
        /**
         * Where the words after the run's first label colon start ("you can check: abandon ...":
         * "you", "can", "check" are wordlist words too, but they introduce the phrase), and how
         * many words come before it.
         */
        private int labelEnd;
        private int wordsBeforeLabel;

        SeedRun(String text, Spans spans) {
            this.text = text;
            this.spans = spans;
        }

        void token(int tokenKind, int tokenStart, int tokenEnd, boolean isWord) {
            if (!isWord) {
                finish();
                return;
            }
            if (words > 0 && kind == tokenKind && isWordSeparator(text, end, tokenStart)) {
                if (labelEnd < 0 && isLabelColon(text, end, tokenStart)) {
                    labelEnd = tokenStart;
                    wordsBeforeLabel = words;
                }
                end = tokenEnd;
                words++;
            } else {
                finish();
                kind = tokenKind;
                start = tokenStart;
                end = tokenEnd;
                words = 1;
                labelEnd = -1;
            }
        }

        void finish() {
            if (words >= MIN_SEED_WORDS) {
                boolean afterLabel = labelEnd >= 0 && words - wordsBeforeLabel >= MIN_SEED_WORDS;
                spans.add(afterLabel ? labelEnd : start, end, SecretKind.SEED_PHRASE);
            }
            words = 0;
            kind = NO_RUN;
        }
    }

    /**
     * A colon right after a word ends a label ("check: ", "Seed:\n1. "); one after a number is
     * numbering ("1: abandon 2: ability").
     */
    private static boolean isLabelColon(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '：') {
                return true;
            }
            if (isAsciiDigit(c)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whitespace or a list separator, optionally with numbering ("1. abandon 2. ability"); at
     * least one real separator, so words glued together never count.
     */
    private static boolean isWordSeparator(String text, int from, int to) {
        if (to - from < 1 || to - from > 12) {
            return false;
        }
        boolean separated = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || ",，、;|".indexOf(c) >= 0) {
                separated = true;
            } else if (!isAsciiDigit(c) && ".)(:：-".indexOf(c) < 0) {
                return false;
            }
        }
        return separated;
    }

    // --- passwords and 2FA codes -----------------------------------------------------------

    private static void findPasswords(String text, Spans spans) {
        Matcher m = PASSWORD_CUE.matcher(text);
        while (m.find()) {
            int end = passwordEnd(text, m.end());
            if (end > m.end()) {
                spans.add(m.end(), end, SecretKind.PASSWORD);
            }
        }
    }

    /** End of the password that starts at {@code start}, or {@code start} if there is none. */
    private static int passwordEnd(String text, int start) {
        int n = text.length();
        if (start >= n) {
            return start;
        }
        int close = closingQuote(text.charAt(start));
        if (close >= 0) {
            int limit = Math.min(n, start + MAX_PASSWORD_LENGTH);
            for (int i = start + 1; i < limit; i++) {
                char c = text.charAt(i);
                if (c == close) {
                    return i > start + 1 ? i + 1 : start;
                }
                if (c == '\n') {
                    break;
                }
            }
        }
        int end = start;
        int limit = Math.min(n, start + MAX_PASSWORD_LENGTH);
        while (end < limit && isPasswordChar(text.charAt(end))) {
            end++;
        }
        if (end == start || text.startsWith("[REDACTED:", start)) {
            return start;
        }
        int wordEnd = end;
        while (wordEnd > start && ".,;:!?)".indexOf(text.charAt(wordEnd - 1)) >= 0) {
            wordEnd--;
        }
        String word = text.substring(start, wordEnd).toLowerCase(Locale.ROOT);
        return word.isEmpty() || NOT_A_PASSWORD.contains(word) ? start : end;
    }

    /** Passwords are printable, without spaces, and end where Chinese text or punctuation starts. */
    private static boolean isPasswordChar(char c) {
        return c > ' ' && c < '\u2E80' && !Character.isWhitespace(c) && !Character.isSpaceChar(c);
    }

    private static int closingQuote(char open) {
        return switch (open) {
            case '"' -> '"';
            case '\'' -> '\'';
            case '`' -> '`';
            case '“' -> '”';
            case '‘' -> '’';
            case '「' -> '」';
            case '『' -> '』';
            default -> -1;
        };
    }

    private static void findTwoFactorCodes(String text, Spans spans) {
        Matcher m = TWO_FACTOR_CODE.matcher(text);
        while (m.find()) {
            spans.add(m.start(1), m.end(1), SecretKind.TWO_FACTOR_CODE);
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c);
    }

    private record Span(int start, int end, SecretKind kind) {
    }

    /** Found secrets; the first one found wins where two overlap. */
    private static final class Spans {
        private List<Span> spans;

        void add(int start, int end, SecretKind kind) {
            if (spans == null) {
                spans = new ArrayList<>(4);
            }
            for (Span s : spans) {
                if (start < s.end() && s.start() < end) {
                    return;
                }
            }
            spans.add(new Span(start, end, kind));
        }

        Redaction apply(String text) {
            if (spans == null) {
                return Redaction.unchanged(text);
            }
            spans.sort(Comparator.comparingInt(Span::start));
            StringBuilder out = new StringBuilder(text.length());
            Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
            int at = 0;
            for (Span s : spans) {
                out.append(text, at, s.start()).append(s.kind().marker());
                kinds.add(s.kind());
                at = s.end();
            }
            out.append(text, at, text.length());
            return new Redaction(out.toString(), true, kinds);
        }
    }
}
