package io.exdesk.console.domain;

import java.util.List;
import java.util.Locale;

/**
 * A ready-made reply an agent can put in the reply box, in the customer's language (zh-CN or en). The
 * scam warning is offered first, and pre-filled, on a ticket whose secrets intake redacted.
 */
public record CannedReply(String key, String language, String title, String text) {

    public static final String SCAM_WARNING = "scam-warning";

    private static final List<CannedReply> ALL = List.of(
            new CannedReply(SCAM_WARNING, "en", "Scam warning",
                    "For your safety we removed a secret from your message. Real support staff will never ask for "
                            + "your private key, seed phrase, password or 2FA code. If you shared them anywhere, move "
                            + "your funds to a new wallet now and change your password."),
            new CannedReply(SCAM_WARNING, "zh-CN", "防诈骗提醒",
                    "为了您的安全，我们已从您的消息中删除了敏感信息。真正的客服绝不会向您索取私钥、助记词、密码或二次验证码。"
                            + "如果您曾在任何地方泄露过这些信息，请立即将资产转移到新钱包并修改密码。"),
            new CannedReply("greeting", "en", "Looking into it",
                    "Thank you for contacting us. I am looking into your request now and will update you shortly."),
            new CannedReply("greeting", "zh-CN", "正在处理",
                    "感谢您联系我们。我正在处理您的问题，稍后会尽快给您答复。"),
            new CannedReply("need-details", "en", "Need details",
                    "To help you further, please send the transaction ID (TxID), the asset and network, and the time "
                            + "of the transaction."),
            new CannedReply("need-details", "zh-CN", "需要更多信息",
                    "为了进一步帮助您，请提供交易哈希（TxID）、币种和网络，以及交易时间。"),
            new CannedReply("resolved", "en", "Resolved",
                    "Your issue has been resolved. If anything is still unclear, simply reply to this message."),
            new CannedReply("resolved", "zh-CN", "已解决",
                    "您的问题已解决。如仍有疑问，请直接回复此消息。"));

    /** Every canned reply, those in the customer's language first, the scam warning leading. */
    public static List<CannedReply> forCustomer(String customerLanguage) {
        String preferred = customerLanguage != null && customerLanguage.toLowerCase(Locale.ROOT).startsWith("zh")
                ? "zh-CN" : "en";
        return ALL.stream()
                .sorted((a, b) -> Boolean.compare(!a.language.equals(preferred), !b.language.equals(preferred)))
                .toList();
    }

    /** The scam warning in the customer's language. */
    public static CannedReply scamWarning(String customerLanguage) {
        return forCustomer(customerLanguage).get(0);
    }
}
