package io.exdesk.ticket.domain.intake;

import static io.exdesk.ticket.domain.intake.Property.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.ticket.domain.intake.Bip39Wordlists.Wordlist;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Properties of redaction over whole families of input, drawn at random ({@link Property}):
 * <ul>
 * <li>a valid BIP-39 phrase (12 to 24 words, checksum computed here, independently of the
 *     redactor) of any list, written with any separator, numbering, case and quoting, after any
 *     label or sentence, is redacted and no word of it is left;</li>
 * <li>a private key, API key or secret, password, PIN or 2FA code in any credential notation of
 *     English or Chinese is redacted, and so is a password, PIN, set of 2FA backup codes or API key or
 *     secret after any name {@link CredentialNames} lists in any of its languages, in any notation;
 *     such a name followed by a word that describes the credential is not;</li>
 * <li>a transaction hash after its cue, an address after its cue, and an amount, date or order id
 *     survive byte for byte.</li>
 * </ul>
 * A Chinese phrase without separators is told from prose statistically: it is guaranteed here when
 * a boundary (separator, end of text) or a cue stands on each side; glued to prose on both sides
 * without a cue it is found most of the time (see {@link SeedPhrases}).
 */
class RedactionPropertiesTest {

    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int[] PHRASE_LENGTHS = {12, 15, 18, 21, 24};

    private final SecretRedactor redactor = new SecretRedactor();

    // --- seed phrases --------------------------------------------------------------------------

    /** A generated text with a phrase in it, and the words of the text that are not the phrase's. */
    record PhraseText(String text, List<String> phrase, Set<String> otherWords) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final List<String> ENGLISH_PREFIXES = List.of(
            "", "Here is my seed phrase: ", "Seed:\n", "Recovery phrase - ", "my secret phrase is ",
            "Hi team, I cannot restore my wallet. ", "{\"mnemonic\": ", "助记词：", "我的助记词是 ",
            "Wallet backup (24 words?)\n", "Support asked me for this:\n\n", "seed phrase = ", "MNEMONIC=");
    private static final List<String> ENGLISH_SUFFIXES = List.of(
            "", ". Please help!", "\nThanks", " 请帮我恢复", "，谢谢。", "}", " (copied from my notes)", "\n\n-- sent from my phone");
    private static final List<String> SEPARATORS = List.of(
            " ", ", ", "\n", "，", "、", "; ", " | ", "\t", "  ", ",\n", " - ");
    private static final List<String> NUMBERINGS = List.of(
            "", "", "%d. ", "%d) ", "(%d) ", "#%d ", "%d: ", "%d.", "第%d个：", "No.%d ", "Word %d: ", "%d - ", "[%d] ");

    @Test
    void everyValidEnglishPhraseIsRedactedWhole() {
        Property.forAll(random -> englishPhrase(random), this::assertPhraseRedacted);
    }

    @Test
    void everyValidChinesePhraseWithSeparatorsIsRedactedWhole() {
        Property.forAll(random -> chinesePhrase(random, true), this::assertPhraseRedacted);
    }

    @Test
    void everyValidChinesePhraseWithoutSeparatorsIsRedactedWhole() {
        Property.forAll(random -> chinesePhrase(random, false), this::assertPhraseRedacted);
    }

    private void assertPhraseRedacted(PhraseText example) {
        Redaction r = redactor.redact(example.text());
        assertThat(r.kinds()).contains(SecretKind.SEED_PHRASE);
        String output = r.text().replaceAll("\\[REDACTED:[A-Z_]+]", " ").toLowerCase(Locale.ROOT);
        for (String word : example.phrase()) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (example.otherWords().contains(lower)) {
                continue;
            }
            boolean chinese = word.length() == 1;
            boolean left = chinese ? output.contains(lower)
                    : Pattern.compile("(?<![a-z])" + lower + "(?![a-z])").matcher(output).find();
            assertThat(left).as("word '%s' of the phrase left in: %s", word, r.text()).isFalse();
        }
    }

    private static PhraseText englishPhrase(Random random) {
        List<String> words = mnemonic(random, Bip39Wordlists.words(Wordlist.ENGLISH), oneOfLength(random));
        int caseStyle = random.nextInt(4);
        List<String> written = new ArrayList<>();
        for (String w : words) {
            written.add(switch (caseStyle) {
                case 0 -> w;
                case 1 -> w.toUpperCase(Locale.ROOT);
                case 2 -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
                default -> random.nextBoolean() ? w.toUpperCase(Locale.ROOT) : w;
            });
        }
        String separator = oneOf(random, SEPARATORS);
        String numbering = oneOf(random, NUMBERINGS);
        boolean json = random.nextInt(5) == 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < written.size(); i++) {
            if (i > 0) {
                body.append(json ? ", " : separator);
            }
            body.append(numbering.isEmpty() || json ? "" : numbering.formatted(i + 1));
            body.append(json ? "\"" + written.get(i) + "\"" : written.get(i));
        }
        String phrase = json ? "[" + body + "]" : random.nextInt(6) == 0 ? "\"" + body + "\"" : body.toString();
        String prefix = oneOf(random, ENGLISH_PREFIXES);
        String suffix = oneOf(random, ENGLISH_SUFFIXES);
        String text = prefix + phrase + suffix;
        return new PhraseText(text, words, latinWords(prefix + " " + suffix + " " + numbering));
    }

    private static final List<String> CHINESE_PREFIXES = List.of(
            "", "助记词：", "我的助记词是", "助記詞：", "seed phrase: ", "请帮我恢复钱包：", "钱包恢复不了。\n", "“",
            "{\"mnemonic\":\"", "客服你好，这是我的恢复短语 ", "我的钱包助记词如下：\n", "Recovery phrase:\n");
    private static final List<String> CHINESE_SUFFIXES = List.of(
            "", "。", "，请帮我看看。", "\n谢谢", "”", "\"}", " 谢谢", "！！", "\n\n发自我的手机");
    /** Glued to the phrase: only after a cue, which then marks where the phrase starts. */
    private static final List<String> GLUED_SUFFIXES = List.of("请帮我恢复钱包", "谢谢", "麻烦尽快处理");
    private static final List<String> CHINESE_SEPARATORS = List.of(
            " ", "、", "，", ",", "\n", "\u3000", " | ", "  ", "；");
    private static final List<String> CHINESE_NUMBERINGS = List.of(
            "", "", "%d.", "%d. ", "%d)", "(%d)", "第%d个：", "%d、", "#%d ", "[%d]");

    private static PhraseText chinesePhrase(Random random, boolean separated) {
        Wordlist list = random.nextBoolean() ? Wordlist.CHINESE_SIMPLIFIED : Wordlist.CHINESE_TRADITIONAL;
        List<String> words = mnemonic(random, Bip39Wordlists.words(list), oneOfLength(random));
        String prefix = oneOf(random, CHINESE_PREFIXES);
        String suffix = oneOf(random, CHINESE_SUFFIXES);
        StringBuilder body = new StringBuilder();
        String numbering = "";
        if (separated) {
            String separator = oneOf(random, CHINESE_SEPARATORS);
            numbering = oneOf(random, CHINESE_NUMBERINGS);
            boolean json = random.nextInt(5) == 0;
            for (int i = 0; i < words.size(); i++) {
                if (i > 0) {
                    body.append(json ? "," : separator);
                }
                if (!json && !numbering.isEmpty()) {
                    body.append(numbering.formatted(i + 1));
                }
                body.append(json ? "\"" + words.get(i) + "\"" : words.get(i));
            }
            if (json) {
                body.insert(0, '[').append(']');
            }
        } else {
            int group = oneOf(random, List.of(words.size(), words.size(), 3, 4, 6));
            String between = oneOf(random, List.of(" ", "\n", "  "));
            for (int i = 0; i < words.size(); i++) {
                if (i > 0 && i % group == 0) {
                    body.append(between);
                }
                body.append(words.get(i));
            }
            boolean afterCue = prefix.equals("我的助记词是") || prefix.equals("助記詞：") || prefix.equals("助记词：");
            if (afterCue && random.nextInt(3) == 0) {
                suffix = oneOf(random, GLUED_SUFFIXES);
            }
        }
        String text = prefix + body + suffix;
        Set<String> others = new HashSet<>(latinWords(prefix + " " + suffix));
        for (char c : (prefix + suffix + numbering).toCharArray()) {
            others.add(String.valueOf(c));
        }
        return new PhraseText(text, words, others);
    }

    /**
     * Glued to prose on one side and with no cue around, a phrase without separators is judged on
     * a stricter prose score: found about 999 times in 1,000 (measured here), not always.
     */
    @Test
    void chinesePhrasesGluedToProseOnOneSideAreAlmostAlwaysFound() {
        Random random = new Random(Property.seed());
        List<String> prose = List.of("客服你好请帮我看看", "我的钱包打不开了", "请尽快处理谢谢", "这个是我以前备份的");
        int tries = 3000;
        int missed = 0;
        for (int i = 0; i < tries; i++) {
            Wordlist list = random.nextBoolean() ? Wordlist.CHINESE_SIMPLIFIED : Wordlist.CHINESE_TRADITIONAL;
            String phrase = String.join("", mnemonic(random, Bip39Wordlists.words(list), oneOfLength(random)));
            String text = random.nextBoolean() ? oneOf(random, prose) + phrase : phrase + oneOf(random, prose) + "。";
            if (!redactor.redact(text).kinds().contains(SecretKind.SEED_PHRASE)) {
                missed++;
            }
        }
        System.out.printf("Chinese phrases glued to prose on one side, no cue: %d of %d missed%n", missed, tries);
        assertThat(missed).isLessThanOrEqualTo(tries / 200);
    }

    /**
     * A valid BIP-39 mnemonic: random entropy, then its SHA-256 checksum bits, cut into 11-bit
     * word indices (written here from the BIP, not shared with the redactor).
     */
    static List<String> mnemonic(Random random, List<String> wordlist, int words) {
        int checksumBits = words / 3;
        byte[] entropy = new byte[(words * 11 - checksumBits) / 8];
        random.nextBytes(entropy);
        int checksum = (sha256(entropy)[0] & 0xFF) >>> (8 - checksumBits);
        BigInteger bits = new BigInteger(1, entropy).shiftLeft(checksumBits).or(BigInteger.valueOf(checksum));
        List<String> out = new ArrayList<>(words);
        for (int i = words - 1; i >= 0; i--) {
            out.add(wordlist.get(bits.shiftRight(i * 11).intValue() & 0x7FF));
        }
        return out;
    }

    private static int oneOfLength(Random random) {
        return PHRASE_LENGTHS[random.nextInt(PHRASE_LENGTHS.length)];
    }

    private static Set<String> latinWords(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    // --- keys and credentials ------------------------------------------------------------------

    /** A credential written in some notation, and the secret value that must not survive. */
    record Credential(String text, String secret) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final List<String> SENTENCES = List.of(
            "", "Hi, I can't withdraw. ", "Please check my account.\n", "客服你好，我的账户有问题。", "我登录不了，",
            "Order 20240517000123 failed on 2024-05-17. ", "My bot stopped trading at 10:15 UTC.\n", "请尽快处理，谢谢！\n");
    private static final List<String> TAILS = List.of(
            "", "\nThanks", " — is that safe?", "，请帮我看看。", "\nregion: eu-west-1", "\n\nSent from my iPhone");

    /** English and Chinese notations; {k} is the name, {v} the value. */
    private static final List<String> NOTATIONS = List.of(
            "{k}={v}", "{k} = {v}", "{k}: {v}", "{k}:{v}", "\"{k}\": \"{v}\"", "\"{k}\":\"{v}\"", "{\"{k}\": \"{v}\"}",
            "'{k}': '{v}'", "{k} => '{v}'", "'{k}' => \"{v}\"", "{k}: \"{v}\"", "{k}：{v}", "{k}  :  {v}",
            "account:\n  {k}: {v}\n  tier: VIP", "my {k} is {v}", "{k} is: {v}", "{k} -> {v}");
    private static final List<String> CHINESE_NOTATIONS = List.of(
            "{k}是{v}", "我的{k}：{v}", "{k}：{v}", "{k}为 {v}", "{k}: {v}", "我的{k}是 {v}，登录不了", "{k}设置为{v}");

    private static final List<List<String>> PASSWORD_NAMES = List.of(
            List.of("password"), List.of("passwd"), List.of("pwd"), List.of("pass"), List.of("login", "password"),
            List.of("fund", "password"), List.of("trading", "password"), List.of("passphrase"), List.of("passcode"),
            List.of("db", "password"), List.of("secret"));
    private static final List<String> CHINESE_PASSWORD_NAMES = List.of("密码", "登录密码", "资金密码", "交易密码", "密碼", "口令", "支付密码");
    private static final List<List<String>> API_NAMES = List.of(
            List.of("api", "key"), List.of("api", "secret"), List.of("secret", "key"), List.of("api", "secret", "key"),
            List.of("access", "key"), List.of("client", "secret"), List.of("access", "token"));
    private static final List<String> CHINESE_API_NAMES = List.of("API密钥", "密钥", "密鑰");
    private static final List<List<String>> KEY_NAMES = List.of(
            List.of("private", "key"), List.of("priv", "key"), List.of("pk"), List.of("wallet", "private", "key"),
            List.of("key"));
    private static final List<String> CHINESE_KEY_NAMES = List.of("私钥", "私鑰", "钱包私钥");

    @Test
    void everyPasswordInAnyNotationIsRedacted() {
        Property.forAll(random -> credential(random, PASSWORD_NAMES, CHINESE_PASSWORD_NAMES, password(random)),
                this::assertCredentialRedacted);
    }

    @Test
    void everyApiKeyOrSecretInAnyNotationIsRedacted() {
        Property.forAll(random -> credential(random, API_NAMES, CHINESE_API_NAMES, apiSecret(random)),
                this::assertCredentialRedacted);
    }

    @Test
    void everyPrivateKeyInAnyNotationIsRedacted() {
        Property.forAll(random -> credential(random, KEY_NAMES, CHINESE_KEY_NAMES, privateKey(random)),
                this::assertCredentialRedacted);
    }

    @Test
    void everyPinAndTwoFactorCodeAfterItsNameIsRedacted() {
        Property.forAll(random -> {
            boolean pin = random.nextBoolean();
            String code = pin ? digits(random, 4 + random.nextInt(3)) : digits(random, 6);
            List<List<String>> names = pin ? List.of(List.of("pin"), List.of("pin", "code"))
                    : List.of(List.of("2fa", "code"), List.of("otp"), List.of("totp"), List.of("google", "code"),
                            List.of("verification", "code"), List.of("2fa"), List.of("sms", "code"));
            List<String> chinese = pin ? List.of("PIN码") : List.of("验证码", "谷歌验证码", "短信验证码", "驗證碼");
            return credential(random, names, chinese, code);
        }, this::assertCredentialRedacted);
    }

    /** Notations a name of any language is written in; {k} is the name, {v} the value. */
    private static final List<String> ANY_LANGUAGE_NOTATIONS = List.of(
            "{k}: {v}", "{k}:{v}", "{k} = {v}", "{k}={v}", "\"{k}\": \"{v}\"", "{\"{k}\":\"{v}\"}", "{k}：{v}",
            "account:\n  {k}: {v}\n  tier: VIP", "- {k}: '{v}'", "{k}:\n{v}", "{k}\n{v}\n", "{k}:\r\n  {v}", "{k} {v}");

    /**
     * Every name of {@link CredentialNames}, in every language it lists (password, passphrase, PIN, backup
     * codes, API key or secret), written as it is, in upper case or capitalised, in every notation, with a
     * value of its kind: redacted.
     */
    @Test
    void everyCredentialNamedInAnyLanguageAndNotationIsRedacted() {
        Property.forAll(random -> {
            CredentialNames.Language language = oneOf(random, CredentialNames.LANGUAGES);
            int kind = random.nextInt(4);
            List<String> names = switch (kind) {
                case 0 -> language.passwords();
                case 1 -> language.pins();
                case 2 -> language.backupCodes();
                default -> language.apiSecrets();
            };
            if (names.isEmpty()) {
                names = language.passwords();
                kind = 0;
            }
            String value = switch (kind) {
                case 0 -> password(random).replace(" ", "");
                case 1 -> digits(random, 4 + random.nextInt(5));
                case 2 -> backupCodes(random);
                default -> apiSecret(random);
            };
            String name = oneOf(random, names);
            name = switch (random.nextInt(3)) {
                case 0 -> name;
                case 1 -> name.toUpperCase(Locale.ROOT);
                default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
            };
            String line = oneOf(random, ANY_LANGUAGE_NOTATIONS).replace("{k}", name).replace("{v}", value);
            String sentence = oneOf(random, SENTENCES);
            String tail = oneOf(random, TAILS);
            return new Credential(sentence + line + ((sentence + tail).contains(value) ? "" : tail), value);
        }, this::assertCredentialRedacted);
    }

    /** A name of any language followed by a word that says something about the credential: unchanged. */
    @Test
    void aNameFollowedByAWordThatDescribesItIsKept() {
        Property.forAll(random -> {
            CredentialNames.Language language = oneOf(random,
                    CredentialNames.LANGUAGES.stream().filter(l -> !l.notAValue().isEmpty()).toList());
            String name = oneOf(random, language.passwords());
            String word = oneOf(random, language.notAValue());
            return oneOf(random, List.of("{k}: {w}", "{k} : {w}.", "{k}:\n{w}", "{k} {w}", "my {k}: {w}, please help"))
                    .replace("{k}", name).replace("{w}", word);
        }, this::assertUnchanged);
    }

    /** One to eight backup codes as exchanges print them: "4837 2956", "48372956" or "a1b2c-3d4e5", listed. */
    private static String backupCodes(Random random) {
        int style = random.nextInt(3);
        List<String> codes = new ArrayList<>();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            codes.add(switch (style) {
                case 0 -> digits(random, 4) + " " + digits(random, 4);
                case 1 -> digits(random, 8);
                default -> alnumWithDigit(random, 5).toLowerCase(Locale.ROOT) + "-" + alnumWithDigit(random, 5).toLowerCase(Locale.ROOT);
            });
        }
        return String.join(oneOf(random, List.of(", ", "\n", " ", "; ")), codes);
    }

    @Test
    void pemPrivateKeysAreRedactedWhole() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        Property.forAll(random -> {
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ec.generateKeyPair().getPrivate().getEncoded());
            String label = oneOf(random, List.of("PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"));
            String pem = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
            String written = random.nextBoolean() ? pem : pem.replace('\n', ' ');
            return new Credential(oneOf(random, SENTENCES) + written + oneOf(random, TAILS), body.lines().findFirst().orElseThrow());
        }, this::assertCredentialRedacted);
    }

    private void assertCredentialRedacted(Credential example) {
        Redaction r = redactor.redact(example.text());
        assertThat(r.redacted()).as("redacted").isTrue();
        assertThat(r.text()).as("secret left").doesNotContain(example.secret());
    }

    private static Credential credential(Random random, List<List<String>> names, List<String> chineseNames, String value) {
        String sentence = oneOf(random, SENTENCES);
        String tail = oneOf(random, TAILS);
        if ((sentence + tail).contains(value)) {
            sentence = "";
            tail = "";
        }
        String line;
        if (random.nextInt(4) == 0) {
            String name = oneOf(random, chineseNames);
            line = oneOf(random, CHINESE_NOTATIONS).replace("{k}", name).replace("{v}", value);
        } else {
            String name = spell(random, oneOf(random, names));
            String notation = oneOf(random, NOTATIONS);
            if (notation.contains(" is") && value.contains(" ")) {
                notation = "\"{k}\": \"{v}\"";
            }
            line = notation.replace("{k}", name).replace("{v}", value);
        }
        if (value.contains(" ") && !line.contains("\"" + value + "\"") && !line.contains("'" + value + "'")) {
            line = line.replace(value, "\"" + value + "\"");
        }
        return new Credential(sentence + line + tail, value);
    }

    /** A name in one of the spellings programs and people use: api key, apiKey, API_KEY, Api-Key. */
    private static String spell(Random random, List<String> parts) {
        return switch (random.nextInt(6)) {
            case 0 -> String.join(" ", parts);
            case 1 -> String.join("_", parts).toUpperCase(Locale.ROOT);
            case 2 -> String.join("-", parts);
            case 3 -> String.join("_", parts);
            case 4 -> {
                StringBuilder camel = new StringBuilder(parts.get(0));
                for (String p : parts.subList(1, parts.size())) {
                    camel.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
                }
                yield camel.toString();
            }
            default -> {
                StringBuilder title = new StringBuilder();
                for (String p : parts) {
                    title.append(title.isEmpty() ? "" : " ").append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
                }
                yield title.toString();
            }
        };
    }

    /** 8-24 printable characters with a letter and a digit; sometimes a passphrase with spaces. */
    private static String password(Random random) {
        String symbols = "!@#$%^&*_+-=?.~";
        String alphabet = ALNUM + symbols;
        int length = 8 + random.nextInt(17);
        StringBuilder p = new StringBuilder();
        p.append(ALNUM.charAt(random.nextInt(52)));
        for (int i = 1; i < length - 1; i++) {
            p.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        p.append((char) ('0' + random.nextInt(10)));
        if (random.nextInt(8) == 0) {
            p.insert(length / 2, ' ');
        }
        return p.toString();
    }

    private static String apiSecret(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> alnumWithDigit(random, 64);
            case 1 -> new UUID(random.nextLong(), random.nextLong()).toString();
            case 2 -> HexFormat.of().withUpperCase().formatHex(bytes(random, 16));
            case 3 -> Base64.getEncoder().encodeToString(bytes(random, 64));
            default -> alnumWithDigit(random, 18 + random.nextInt(30));
        };
    }

    private static String privateKey(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> HexFormat.of().formatHex(bytes(random, 32));
            case 1 -> "0x" + HexFormat.of().formatHex(bytes(random, 32));
            case 2 -> HexFormat.of().withUpperCase().formatHex(bytes(random, 32));
            case 3 -> base58Check(concat(new byte[] {(byte) 0x80}, bytes(random, 32), new byte[] {1}));
            case 4 -> base58Check(concat(new byte[] {(byte) 0x80}, bytes(random, 32)));
            default -> base58(concat(new byte[] {(byte) (1 + random.nextInt(255))}, bytes(random, 63)));
        };
    }

    // --- what must survive ---------------------------------------------------------------------

    private static final List<String> TX_CUES = List.of(
            "TxID: ", "TxID ", "txid=", "tx hash: ", "Tx Hash is ", "Transaction hash: ", "transaction id ", "hash: ",
            "Hash ", "交易哈希：", "交易哈希 ", "哈希值为 ", "哈希：", "交易ID：", "交易id ", "充值哈希：", "提币哈希：",
            "\"txId\": \"", "\"txHash\":\"", "tx_hash=", "https://etherscan.io/tx/", "https://tronscan.org/#/transaction/",
            "https://bscscan.com/tx/", "TXID：", "transactionHash: ", "(txid ");
    private static final List<String> ADDRESS_CUES = List.of(
            "address: ", "to ", "地址：", "充值地址 ", "withdraw to ", "\"address\": \"", "提币地址是 ", "from ", "收款地址：");
    private static final List<String> PLAIN = List.of(
            "", "I sent 100 USDT yesterday, ", "请帮我查一下，", "Deposit of 0.5 BTC on 2024-05-17 10:15 UTC: ",
            "订单号 20240517000123，金额 3,500.25 USDT，", "Still not credited after 6 hours.\n", "充值未到账。\n");
    private static final List<String> PLAIN_TAILS = List.of(
            "", " not credited", "，到现在还没到账。", "\" }", " (confirmed 12 times)", "\nThanks!", "，请尽快处理");

    @Test
    void transactionHashesAfterTheirCuesSurvive() {
        Property.forAll(random -> {
            String hash = hex(random, 32, random.nextInt(3));
            String cue = oneOf(random, TX_CUES);
            String written = (cue.contains("etherscan") || cue.contains("bscscan") || random.nextBoolean() ? "0x" : "") + hash;
            return oneOf(random, PLAIN) + cue + written + oneOf(random, PLAIN_TAILS);
        }, this::assertUnchanged);
    }

    @Test
    void evmTransactionHashesWithoutAnyCueSurvive() {
        Property.forAll(random -> oneOf(random, PLAIN) + "0x" + hex(random, 32, random.nextInt(3))
                + oneOf(random, PLAIN_TAILS), this::assertUnchanged);
    }

    @Test
    void solanaSignaturesAfterTheirCuesSurvive() {
        Property.forAll(random -> oneOf(random, PLAIN) + oneOf(random, List.of("signature: ", "TxID: ", "交易哈希：", "tx "))
                + base58(concat(new byte[] {(byte) (1 + random.nextInt(255))}, bytes(random, 63))) + oneOf(random, PLAIN_TAILS),
                this::assertUnchanged);
    }

    @Test
    void addressesAfterTheirCuesSurvive() {
        Property.forAll(random -> oneOf(random, PLAIN) + oneOf(random, ADDRESS_CUES) + address(random)
                + oneOf(random, PLAIN_TAILS), this::assertUnchanged);
    }

    private void assertUnchanged(String text) {
        Redaction r = redactor.redact(text);
        assertThat(r.redacted()).as("redacted %s in: %s", r.kinds(), r.text()).isFalse();
        assertThat(r.text()).isSameAs(text);
    }

    private static String address(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "0x" + hex(random, 20, 2);
            case 1 -> base58Check(concat(new byte[] {0}, bytes(random, 20)));
            case 2 -> base58Check(concat(new byte[] {5}, bytes(random, 20)));
            case 3 -> base58Check(concat(new byte[] {0x41}, bytes(random, 20)));
            case 4 -> base58(concat(new byte[] {(byte) (1 + random.nextInt(255))}, bytes(random, 31)));
            case 5 -> "bc1q" + bech32(random, 38);
            default -> "bc1p" + bech32(random, 58);
        };
    }

    // --- encodings, written independently of the production code -------------------------------

    /** 0: lower case, 1: upper case, 2: mixed. */
    private static String hex(Random random, int bytes, int caseStyle) {
        String hex = HexFormat.of().formatHex(bytes(random, bytes));
        if (caseStyle == 1) {
            return hex.toUpperCase(Locale.ROOT);
        }
        if (caseStyle == 2) {
            StringBuilder mixed = new StringBuilder(hex);
            for (int i = 0; i < mixed.length(); i++) {
                if (random.nextBoolean()) {
                    mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
                }
            }
            return mixed.toString();
        }
        return hex;
    }

    private static String bech32(Random random, int length) {
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(charset.charAt(random.nextInt(charset.length())));
        }
        return out.toString();
    }

    private static String alnumWithDigit(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length - 2; i++) {
            out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        out.insert(random.nextInt(out.length() + 1), (char) ('0' + random.nextInt(10)));
        out.insert(random.nextInt(out.length() + 1), (char) ('a' + random.nextInt(26)));
        return out.toString();
    }

    private static String digits(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }

    static String base58Check(byte[] payload) {
        byte[] checksum = sha256(sha256(payload));
        return base58(concat(payload, Arrays.copyOf(checksum, 4)));
    }

    static String base58(byte[] raw) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, raw);
        BigInteger radix = BigInteger.valueOf(58);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(radix);
            out.append(B58.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < raw.length && raw[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
