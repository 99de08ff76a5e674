package io.exdesk.ticket.domain.intake;

import static io.exdesk.ticket.domain.intake.SecretKind.EXTENDED_PRIVATE_KEY;
import static io.exdesk.ticket.domain.intake.SecretKind.PASSWORD;
import static io.exdesk.ticket.domain.intake.SecretKind.PRIVATE_KEY;
import static io.exdesk.ticket.domain.intake.SecretKind.SEED_PHRASE;
import static io.exdesk.ticket.domain.intake.SecretKind.TWO_FACTOR_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.ticket.domain.intake.Bip39Wordlists.Wordlist;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

    private static final String HEX = "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35";
    private static final String ETH_ADDRESS = "0x742d35Cc6634C0532925a3b844Bc454e4438f44e";
    /** The Bitcoin wiki's WIF example, uncompressed and compressed, for the same key. */
    private static final String WIF_KEY = "0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d";
    private static final String WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ";
    private static final String WIF_COMPRESSED = "KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617";
    /** BIP-32 test vector 1, master key. */
    private static final String XPRV = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";
    private static final String XPUB = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

    private final SecretRedactor redactor = new SecretRedactor();

    private void assertUnchanged(String text) {
        Redaction r = redactor.redact(text);
        assertThat(r.redacted()).as("redacted? %s", text).isFalse();
        assertThat(r.kinds()).isEmpty();
        assertThat(r.text()).isSameAs(text);
    }

    private void assertRedacted(String text, String expected, SecretKind... kinds) {
        Redaction r = redactor.redact(text);
        assertThat(r.text()).isEqualTo(expected);
        assertThat(r.redacted()).isTrue();
        assertThat(r.kinds()).containsExactlyInAnyOrder(kinds);
    }

    @Nested
    class PrivateKeys {

        @Test
        void bareHexKeyIsRedacted() {
            assertRedacted("my key " + HEX + " please check", "my key [REDACTED:PRIVATE_KEY] please check", PRIVATE_KEY);
            assertRedacted(HEX, "[REDACTED:PRIVATE_KEY]", PRIVATE_KEY);
            assertRedacted("私钥：" + HEX.toUpperCase(), "私钥：[REDACTED:PRIVATE_KEY]", PRIVATE_KEY);
        }

        @Test
        void zeroXPrefixedKeyIsRedactedWithItsPrefix() {
            assertRedacted("private key 0x" + HEX + ".", "private key [REDACTED:PRIVATE_KEY].", PRIVATE_KEY);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "TxID: %s", "TxID %s", "txid=%s", "tx id: %s", "tx hash is 0x%s", "Transaction hash: %s",
                "transaction id (%s)", "hash %s", "交易哈希 TxID: %s，到现在还没到账", "交易哈希：%s",
                "哈希值为 %s", "交易ID：%s", "see https://etherscan.io/tx/0x%s", "TXHASH=%s"})
        void hexAfterATransactionCueIsATransactionHashAndIsKept(String template) {
            assertUnchanged(template.formatted(HEX));
        }

        @Test
        void aSecondHashListedAfterACuedOneIsKept() {
            String other = "3b1f0c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c";
            assertUnchanged("TxIDs: " + HEX + ", " + other);
            assertUnchanged("tx hashes " + HEX + " and " + other);
        }

        @Test
        void aCueFarBeforeTheHexDoesNotProtectIt() {
            assertRedacted("TxID of my deposit is missing; my key is " + HEX,
                    "TxID of my deposit is missing; my key is [REDACTED:PRIVATE_KEY]", PRIVATE_KEY);
        }

        @Test
        void hexOfOtherLengthsIsKept() {
            assertUnchanged("ETH address " + ETH_ADDRESS + " is mine");
            assertUnchanged("sig " + HEX + "ab");
            assertUnchanged(HEX.substring(1));
        }

        @Test
        void validWifKeysAreRedacted() {
            assertRedacted("WIF: " + WIF, "WIF: [REDACTED:PRIVATE_KEY]", PRIVATE_KEY);
            assertRedacted("导入 " + WIF_COMPRESSED + " 失败", "导入 [REDACTED:PRIVATE_KEY] 失败", PRIVATE_KEY);
        }

        @Test
        void theWifTestVectorsAreTheBase58CheckEncodingOfTheirKey() {
            byte[] key = HexFormat.of().parseHex(WIF_KEY);
            assertThat(base58Check(concat(new byte[] {(byte) 0x80}, key))).isEqualTo(WIF);
            assertThat(base58Check(concat(new byte[] {(byte) 0x80}, key, new byte[] {1}))).isEqualTo(WIF_COMPRESSED);
            byte[] testnet = concat(new byte[] {(byte) 0xEF}, key, new byte[] {1});
            String testnetWif = base58Check(testnet);
            assertThat(testnetWif).startsWith("c").hasSize(52);
            assertRedacted(testnetWif, "[REDACTED:PRIVATE_KEY]", PRIVATE_KEY);
        }

        @Test
        void base58OfTheSameShapeWithABadChecksumIsKept() {
            String tampered = WIF.substring(0, 20) + (WIF.charAt(20) == 'a' ? 'b' : 'a') + WIF.substring(21);
            assertThat(io.exdesk.ticket.domain.intake.PrivateKeys.isWif(tampered)).isFalse();
            assertUnchanged("code " + tampered);
            String random = "K" + "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrst";
            assertThat(random).hasSize(52);
            assertUnchanged(random);
        }

        @Test
        void addressesAreKept() {
            assertUnchanged("BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, "
                    + "TRON TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7, ETH " + ETH_ADDRESS);
        }

        @Test
        void extendedPrivateKeysAreRedactedAndPublicOnesKept() {
            assertRedacted("my wallet " + XPRV + " thanks", "my wallet [REDACTED:EXTENDED_PRIVATE_KEY] thanks",
                    EXTENDED_PRIVATE_KEY);
            assertRedacted("zprv" + XPRV.substring(4), "[REDACTED:EXTENDED_PRIVATE_KEY]", EXTENDED_PRIVATE_KEY);
            assertUnchanged("my xpub is " + XPUB);
            assertUnchanged("what is an xprv?");
        }
    }

    @Nested
    class SeedPhrases {

        private final List<String> english = Bip39Wordlists.words(Wordlist.ENGLISH);

        @Test
        void elevenEnglishWordsAreKeptTwelveAreRedacted() {
            String eleven = String.join(" ", english.subList(0, 11));
            assertUnchanged("words: " + eleven);
            assertRedacted("words: " + eleven + " accident.", "words: [REDACTED:SEED_PHRASE].", SEED_PHRASE);
        }

        @Test
        void twentyFourWordsAcrossLinesCapitalisedAndNumberedAreOnePhrase() {
            StringBuilder numbered = new StringBuilder("Seed:\n");
            for (int i = 0; i < 24; i++) {
                String word = english.get(i * 80);
                numbered.append(i + 1).append(". ").append(i == 0 ? "Abandon" : word).append(i % 6 == 5 ? "\n" : " ");
            }
            assertRedacted(numbered.toString().strip(), "Seed:\n1. [REDACTED:SEED_PHRASE]", SEED_PHRASE);
            assertRedacted(String.join(", ", english.subList(100, 112)), "[REDACTED:SEED_PHRASE]", SEED_PHRASE);
        }

        @Test
        void wordlistWordsThatIntroduceThePhraseWithAColonAreKept() {
            String phrase = String.join(" ", english.subList(0, 12));
            // "you", "can", "check" and "seed" are BIP-39 words as well
            assertRedacted("you can check: " + phrase, "you can check: [REDACTED:SEED_PHRASE]", SEED_PHRASE);
            assertRedacted("Seed: " + phrase, "Seed: [REDACTED:SEED_PHRASE]", SEED_PHRASE);
        }

        @Test
        void numberingWithColonsNeverSplitsAPhrase() {
            StringBuilder numbered = new StringBuilder();
            for (int i = 0; i < 24; i++) {
                numbered.append(i + 1).append(": ").append(english.get(i * 85)).append(' ');
            }
            assertRedacted(numbered.toString().strip(), "1: [REDACTED:SEED_PHRASE]", SEED_PHRASE);
        }

        @Test
        void aNonWordBreaksTheRun() {
            String text = String.join(" ", english.subList(0, 6)) + " the " + String.join(" ", english.subList(6, 12));
            assertUnchanged(text);
        }

        @Test
        void wordsGluedByPunctuationDoNotCount() {
            assertUnchanged(String.join("/", english.subList(0, 12)));
            assertUnchanged(String.join("", english.subList(0, 12)));
        }

        @Test
        void englishProseIsKept() {
            assertUnchanged("Hello, I deposited 0.5 BTC yesterday at 10:00 but the balance still shows zero. "
                    + "Please check order 20240517000123 and the network fee, thank you very much for your help!");
        }

        @Test
        void spacedChineseMnemonicsAreRedacted() {
            String simplified = String.join(" ", Bip39Wordlists.words(Wordlist.CHINESE_SIMPLIFIED).subList(0, 12));
            assertRedacted("我的助记词是：" + simplified + "，请帮我恢复", "我的助记词是：[REDACTED:SEED_PHRASE]，请帮我恢复",
                    SEED_PHRASE);
            String traditional = String.join("\u3000", Bip39Wordlists.words(Wordlist.CHINESE_TRADITIONAL).subList(500, 515));
            assertRedacted("助記詞 " + traditional, "助記詞 [REDACTED:SEED_PHRASE]", SEED_PHRASE);
        }

        @Test
        void unspacedChineseProseFullOfWordlistCharactersIsKept() {
            String words = String.join("", Bip39Wordlists.words(Wordlist.CHINESE_SIMPLIFIED).subList(0, 40));
            assertUnchanged(words);
            assertUnchanged("我的账户在这里不能用了，有人和我说这是中国大陆的问题，请你们在一个小时内给我回复。");
        }

        @Test
        void eightSpacedChineseCharactersAreKept() {
            assertUnchanged("的 一 是 在 不 了 有 和");
        }
    }

    @Nested
    class Passwords {

        @Test
        void thePasswordAfterACueIsRedacted() {
            assertRedacted("my password is hunter2", "my password is [REDACTED:PASSWORD]", PASSWORD);
            assertRedacted("Password: S3cr3t!! thanks", "Password: [REDACTED:PASSWORD] thanks", PASSWORD);
            assertRedacted("pwd=abc123", "pwd=[REDACTED:PASSWORD]", PASSWORD);
            assertRedacted("my passcode was 9911aa", "my passcode was [REDACTED:PASSWORD]", PASSWORD);
            assertRedacted("密码是abc123456请帮我重置", "密码是[REDACTED:PASSWORD]请帮我重置", PASSWORD);
            assertRedacted("登录密码：Qwe@2024，谢谢", "登录密码：[REDACTED:PASSWORD]，谢谢", PASSWORD);
            assertRedacted("密码: hunter2", "密码: [REDACTED:PASSWORD]", PASSWORD);
        }

        @Test
        void aQuotedPasswordWithSpacesIsRedactedWhole() {
            assertRedacted("password is \"correct horse battery\" ok?", "password is [REDACTED:PASSWORD] ok?", PASSWORD);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "forgot my password", "I forgot my password, please reset it", "my password is wrong",
                "the password is incorrect", "password is not accepted", "密码错误", "忘记密码了怎么办",
                "密码是对的但是登录不了", "reset password: how?", "Password: "})
        void mentionsOfPasswordsAreKept(String text) {
            assertUnchanged(text);
        }
    }

    @Nested
    class TwoFactorCodes {

        @Test
        void codesAfterACueAreRedacted() {
            assertRedacted("2FA code 123456", "2FA code [REDACTED:TWO_FACTOR_CODE]", TWO_FACTOR_CODE);
            assertRedacted("my OTP is 12345678.", "my OTP is [REDACTED:TWO_FACTOR_CODE].", TWO_FACTOR_CODE);
            assertRedacted("Google Authenticator code: 654 321", "Google Authenticator code: [REDACTED:TWO_FACTOR_CODE]",
                    TWO_FACTOR_CODE);
            assertRedacted("谷歌验证码：123456，请尽快处理", "谷歌验证码：[REDACTED:TWO_FACTOR_CODE]，请尽快处理", TWO_FACTOR_CODE);
            assertRedacted("短信验证码是 7654321", "短信验证码是 [REDACTED:TWO_FACTOR_CODE]", TWO_FACTOR_CODE);
            assertRedacted("动态码123456", "动态码[REDACTED:TWO_FACTOR_CODE]", TWO_FACTOR_CODE);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "the 2FA code never arrives", "I can't log in, the 2FA code never arrives by SMS.",
                "验证码收不到，订单号 20240101123", "OTP expired after 60 seconds", "2FA 1234567890",
                "my code is 123456", "order 123456 failed", "验证码也收不到，怎么办？"})
        void textWithoutACodeIsKept(String text) {
            assertUnchanged(text);
        }
    }

    @Nested
    class EverythingElse {

        @Test
        void amountsOrderIdsEmojiAndSqlAreKeptByteForByte() {
            assertUnchanged("Order #20240517000123: bought 0.00123456 BTC at 67,890.12 USDT (fee 0.1%)");
            assertUnchanged("💰🚀 my deposit 🙏 never came 😡 — 充值 💸 没到账");
            assertUnchanged("'; DROP TABLE tickets; -- SELECT * FROM users WHERE password = '' OR 1=1");
            assertUnchanged("");
            assertUnchanged("   \n\t ");
        }

        @Test
        void nullIsPassedThrough() {
            Redaction r = redactor.redact(null);
            assertThat(r.text()).isNull();
            assertThat(r.redacted()).isFalse();
        }

        @Test
        void severalSecretsOfSeveralKindsInOneText() {
            String text = "key " + HEX + " password: hunter2 2fa 123456 seed: "
                    + String.join(" ", Bip39Wordlists.words(Wordlist.ENGLISH).subList(2000, 2012));
            assertRedacted(text, "key [REDACTED:PRIVATE_KEY] password: [REDACTED:PASSWORD] 2fa [REDACTED:TWO_FACTOR_CODE] "
                    + "seed: [REDACTED:SEED_PHRASE]", PRIVATE_KEY, PASSWORD, TWO_FACTOR_CODE, SEED_PHRASE);
        }

        @Test
        void redactingTwiceChangesNothingMore() {
            String text = "password: hunter2, key 0x" + HEX + ", 验证码 123456, " + XPRV;
            Redaction once = redactor.redact(text);
            Redaction twice = redactor.redact(once.text());
            assertThat(once.redacted()).isTrue();
            assertThat(twice.redacted()).isFalse();
            assertThat(twice.text()).isEqualTo(once.text());
        }

        @Test
        void kindsAreUnmodifiable() {
            Redaction r = redactor.redact("password: hunter2");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.kinds().add(PRIVATE_KEY))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }

    /** Base58Check, written independently of the production decoder to cross-check it. */
    private static String base58Check(byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] checksum = sha.digest(sha.digest(payload));
            byte[] raw = concat(payload, Arrays.copyOf(checksum, 4));
            String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
            StringBuilder out = new StringBuilder();
            BigInteger value = new BigInteger(1, raw);
            BigInteger radix = BigInteger.valueOf(58);
            while (value.signum() > 0) {
                BigInteger[] qr = value.divideAndRemainder(radix);
                out.append(alphabet.charAt(qr[1].intValue()));
                value = qr[0];
            }
            for (int i = 0; i < raw.length && raw[i] == 0; i++) {
                out.append('1');
            }
            return out.reverse().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
