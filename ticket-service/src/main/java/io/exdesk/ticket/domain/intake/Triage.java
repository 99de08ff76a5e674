package io.exdesk.ticket.domain.intake;

import static io.exdesk.events.Category.ACCOUNT_ACCESS;
import static io.exdesk.events.Category.COMPLAINT;
import static io.exdesk.events.Category.DEPOSIT;
import static io.exdesk.events.Category.GENERAL;
import static io.exdesk.events.Category.KYC;
import static io.exdesk.events.Category.RATES_FEES;
import static io.exdesk.events.Category.SECURITY;
import static io.exdesk.events.Category.TRADING;
import static io.exdesk.events.Category.WITHDRAWAL;
import static io.exdesk.events.Priority.HIGH;
import static io.exdesk.events.Priority.LOW;
import static io.exdesk.events.Priority.NORMAL;
import static io.exdesk.events.Priority.URGENT;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Auto-triage at intake: category and priority from a ticket's subject and description, by an
 * ordered table of Chinese and English keyword rules. The first rule that matches decides;
 * a ticket no rule matches is {@code GENERAL}/{@code NORMAL}.
 *
 * <p>English keywords match whole words, case-insensitively ({@code withdraw*} also matches
 * "withdrawal", "withdrawing"); Chinese keywords match anywhere, since Chinese has no word
 * boundaries. Every rule's keywords of both languages are checked whatever the ticket's language:
 * customers mix them ("KYC 实名认证", "交易哈希 TxID").
 *
 * <p>Classify the redacted text (redaction markers are ignored), and apply
 * {@link TriageResult#withExposedSecrets()} when secrets were redacted, e.g. through
 * {@link #classify(String, String, String, boolean)}.
 */
@Singleton
public class Triage {

    /** Only the start of a long description is read: enough to classify, and the cost stays bounded. */
    static final int MAX_CHARS = 4000;

    static final TriageResult UNMATCHED = new TriageResult(GENERAL, NORMAL);

    /*
     * Order matters: the first matching rule wins.
     * - Security incidents first: "someone withdrew all my funds" is theft, not a withdrawal.
     * - Specific fee wording before deposit/withdrawal: "withdrawal fee" is about fees, while a
     *   bare "手续费也扣了" on a failed withdrawal is still a withdrawal problem.
     * - How-to questions before the topics they mention ("How do I deposit?"), unless the text
     *   reports a problem ("how do I get my deposit, it is still not credited").
     * - Money movement before account access: a blocked withdrawal is the bigger risk.
     */
    static final List<Rule> RULES = List.of(
            rule(SECURITY, URGENT, "security incident: theft, takeover, unauthorised activity, freeze request")
                    .en("stolen", "steal", "steals", "hacked", "hacker*", "hack", "compromised", "unauthori*",
                            "did not authorize", "didn't authorize", "i did not make", "i didn't make",
                            "drained", "freeze my account", "freeze the account", "freeze account",
                            "lock my account", "from another country", "from an unknown country",
                            "from a foreign country", "unknown location", "unknown device", "unrecognized device",
                            "unrecognised device", "unknown login", "sim swap", "account takeover")
                    .zh("被盗", "盗号", "盗走", "被黑", "黑客", "被入侵", "未经授权", "未授权", "不是我本人",
                            "非本人操作", "不是我操作", "异地登录", "陌生设备", "请冻结", "立即冻结", "马上冻结",
                            "帮我冻结", "冻结我的", "紧急冻结", "被转走", "被提走", "资金不见"),
            rule(SECURITY, HIGH, "scam, phishing, exposed keys or seed phrase")
                    .en("phishing", "phish*", "scam*", "fraud*", "fake support", "fake website", "impersonat*",
                            "private key*", "seed phrase", "recovery phrase", "secret phrase", "seed words",
                            "mnemonic*")
                    .zh("钓鱼", "诈骗", "被骗", "骗子", "假客服", "冒充", "私钥", "助记词", "泄露"),
            rule(RATES_FEES, NORMAL, "fee or exchange-rate question (specific wording)")
                    .en("fee schedule", "withdrawal fee*", "deposit fee*", "trading fee*", "maker fee*", "taker fee*",
                            "fees too high", "fee too high", "fee is too high", "fees are too high", "overcharged",
                            "exchange rate*", "conversion rate*", "spread", "slippage", "price difference",
                            "price discrepancy")
                    .zh("汇率", "费率", "手续费太高", "手续费过高", "手续费标准", "收费标准", "多收", "多扣",
                            "价格差", "差价", "价差", "滑点", "兑换比例"),
            rule(GENERAL, LOW, "how-to question")
                    .en("how do i", "how can i", "how to", "how does", "where can i", "where do i",
                            "is it possible to", "what are the steps")
                    .zh("如何", "怎么注册", "怎样", "怎么操作", "怎么充值", "怎么提现", "怎么提币", "怎么买",
                            "怎么交易", "请问怎么", "在哪里", "教程", "步骤")
                    .unlessEn("fail*", "not credited", "not received", "not arrived", "never arriv*",
                            "hasn't arrived", "has not arrived", "didn't arrive", "did not arrive", "not showing",
                            "stuck", "pending", "missing", "error*", "reject*", "can't", "cannot", "can not",
                            "unable", "wrong", "lost", "still not", "not working", "doesn't work",
                            "does not work", "blocked", "frozen", "locked", "declined", "disappeared",
                            "haven't received", "have not received")
                    .unlessZh("失败", "未到账", "没到账", "没有到账", "不到账", "还没到", "收不到", "没收到",
                            "未收到", "卡住", "错误", "无法", "不能", "丢失", "异常", "被拒", "拒绝", "不见",
                            "冻结", "锁定", "报错", "一直"),
            rule(DEPOSIT, HIGH, "deposit problem")
                    .en("deposit*", "top up", "top-up", "topup", "not credited")
                    .zh("充值", "充币", "入金", "存入", "转入"),
            rule(WITHDRAWAL, HIGH, "withdrawal problem")
                    .en("withdraw*", "withdrew", "cash out", "payout*")
                    .zh("提现", "提币", "出金", "提款", "转出", "取款"),
            rule(ACCOUNT_ACCESS, NORMAL, "login, password, verification code, locked account")
                    .en("log in", "log-in", "login*", "log into", "logging in", "logged out", "sign in", "sign-in",
                            "signin", "can't access", "cannot access", "access my account", "password*",
                            "verification code*", "2fa", "two-factor", "two factor", "authenticator", "otp",
                            "sms code", "email code", "account locked", "account is locked", "locked out",
                            "account frozen", "account is frozen", "account disabled", "reset my", "unlock*")
                    .zh("登录", "登陆", "登入", "密码", "验证码", "谷歌验证", "二次验证", "双重验证", "身份验证器",
                            "账户被锁", "账号被锁", "锁定", "解锁", "账户被冻结", "账号被冻结", "找回账号", "换绑",
                            "解绑"),
            rule(KYC, NORMAL, "identity verification")
                    .en("kyc", "identity verification", "verify my identity", "id verification", "identity check",
                            "passport", "selfie", "proof of address", "id card", "driver's license",
                            "driving licence", "liveness")
                    .zh("实名", "身份认证", "身份验证", "身份证", "护照", "人脸", "认证失败", "高级认证", "证件"),
            rule(TRADING, NORMAL, "orders and trades")
                    .en("trade*", "trading", "order", "orders", "limit order", "market order", "stop loss",
                            "stop-loss", "buy", "bought", "sell", "sold", "futures", "margin", "leverage",
                            "liquidat*", "spot")
                    .zh("交易失败", "下单", "买入", "卖出", "挂单", "撤单", "成交", "委托", "合约", "杠杆", "爆仓",
                            "强平", "平仓", "开仓", "现货", "交易限额", "币币交易"),
            rule(COMPLAINT, NORMAL, "complaint about the service")
                    .en("complain*", "complaint*", "unacceptable", "terrible service", "poor service",
                            "bad service", "nobody answered", "no one answered", "no response", "no reply",
                            "not responding", "rude")
                    .zh("投诉", "不满", "差评", "态度", "没人回复", "无人回复", "不回复", "没人理", "举报"),
            rule(RATES_FEES, NORMAL, "fees or prices (generic wording)")
                    .en("fee", "fees", "charge*", "rate", "rates", "price", "prices", "pricing", "commission*")
                    .zh("手续费", "费用", "收费", "价格", "行情"));

    /** Classifies a ticket from its (already redacted) subject and description. */
    public TriageResult classify(String subject, String description, String language) {
        String text = normalize(subject, description);
        for (Rule rule : RULES) {
            if (rule.matches(text)) {
                return rule.result();
            }
        }
        return UNMATCHED;
    }

    /**
     * Classifies a ticket and applies the exposed-secrets rule: when {@code secretsRedacted} (the
     * customer pasted a key, seed phrase, password or 2FA code) the ticket is at least
     * {@code SECURITY}/{@code HIGH}, see {@link TriageResult#withExposedSecrets()}.
     */
    public TriageResult classify(String subject, String description, String language, boolean secretsRedacted) {
        TriageResult result = classify(subject, description, language);
        return secretsRedacted ? result.withExposedSecrets() : result;
    }

    /**
     * Lower-cases both texts into one, collapses whitespace, unifies apostrophes and blanks out
     * redaction markers (so "[REDACTED:PASSWORD]" does not read as a password problem).
     */
    static String normalize(String subject, String description) {
        StringBuilder out = new StringBuilder(Math.min(MAX_CHARS,
                length(subject) + length(description) + 3));
        append(out, subject);
        out.append(" . ");
        append(out, description);
        return out.toString();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static void append(StringBuilder out, String s) {
        if (s == null) {
            return;
        }
        int n = s.length();
        for (int i = 0; i < n && out.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            if (c == '[' && s.startsWith("[REDACTED:", i)) {
                int close = s.indexOf(']', i);
                if (close > 0) {
                    i = close;
                    c = ' ';
                }
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (c == '’' || c == '‘') {
                out.append('\'');
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
    }

    // --- the rule table ---------------------------------------------------------------------

    static Rule rule(Category category, Priority priority, String description) {
        return new Rule(new TriageResult(category, priority), description, List.of(), List.of());
    }

    /**
     * One row of the table: when any keyword occurs and no exception does, the ticket gets
     * {@code result}.
     */
    record Rule(TriageResult result, String description, List<Keyword> keywords, List<Keyword> unless) {

        Rule en(String... words) {
            return new Rule(result, description, plus(keywords, words), unless);
        }

        Rule zh(String... words) {
            return en(words);
        }

        Rule unlessEn(String... words) {
            return new Rule(result, description, keywords, plus(unless, words));
        }

        Rule unlessZh(String... words) {
            return unlessEn(words);
        }

        boolean matches(String normalized) {
            return anyOccurs(keywords, normalized) && !anyOccurs(unless, normalized);
        }

        private static boolean anyOccurs(List<Keyword> list, String text) {
            for (Keyword k : list) {
                if (k.occursIn(text)) {
                    return true;
                }
            }
            return false;
        }

        private static List<Keyword> plus(List<Keyword> list, String... words) {
            List<Keyword> all = new ArrayList<>(list);
            Stream.of(words).map(Keyword::of).forEach(all::add);
            return List.copyOf(all);
        }
    }

    /**
     * A lower-case keyword. A keyword that starts (ends) with a Latin letter or digit must start
     * (end) a word in the text, unless it ends with {@code *} (a prefix).
     */
    record Keyword(String text, boolean wordStart, boolean wordEnd) {

        static Keyword of(String spec) {
            boolean prefix = spec.endsWith("*");
            String text = (prefix ? spec.substring(0, spec.length() - 1) : spec).toLowerCase(Locale.ROOT);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            return new Keyword(text, isWordChar(text.charAt(0)), !prefix && isWordChar(text.charAt(text.length() - 1)));
        }

        boolean occursIn(String normalized) {
            int from = 0;
            int at;
            while ((at = normalized.indexOf(text, from)) >= 0) {
                int end = at + text.length();
                boolean startOk = !wordStart || at == 0 || !isWordChar(normalized.charAt(at - 1));
                boolean endOk = !wordEnd || end == normalized.length() || !isWordChar(normalized.charAt(end));
                if (startOk && endOk) {
                    return true;
                }
                from = at + 1;
            }
            return false;
        }

        private static boolean isWordChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }
    }
}
