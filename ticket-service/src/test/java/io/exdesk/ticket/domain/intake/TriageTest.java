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
import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriageTest {

    private final Triage triage = new Triage();

    private TriageResult classify(String text) {
        return triage.classify("", text, "en");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            My funds were stolen last night                              | SECURITY       | URGENT
            my account was HACKED                                        | SECURITY       | URGENT
            Unauthorized withdrawal of 3 ETH, please freeze my account   | SECURITY       | URGENT
            Login from an unknown device in another city                 | SECURITY       | URGENT
            我的账号被盗号了                                                | SECURITY       | URGENT
            账户资金被盗，请立即冻结                                         | SECURITY       | URGENT
            有人冒充客服找我要助记词                                         | SECURITY       | HIGH
            I think I got a phishing email                               | SECURITY       | HIGH
            Why was I charged a higher withdrawal fee than the fee schedule shows? | RATES_FEES | NORMAL
            提现手续费标准是多少                                             | RATES_FEES     | NORMAL
            The exchange rate is way off                                 | RATES_FEES     | NORMAL
            How do I deposit euros by bank transfer?                     | GENERAL        | LOW
            How to deposit? My deposit failed twice                      | DEPOSIT        | HIGH
            请问如何充值                                                   | GENERAL        | LOW
            如何处理？充值一直没到账                                          | DEPOSIT        | HIGH
            Deposit not credited after 6 confirmations                   | DEPOSIT        | HIGH
            充值未到账                                                     | DEPOSIT        | HIGH
            My USDT withdrawal has been pending for 6 hours.             | WITHDRAWAL     | HIGH
            提币一直在审核中                                                | WITHDRAWAL     | HIGH
            提现 ETH 一直显示失败，手续费也扣了                                | WITHDRAWAL     | HIGH
            password wrong, verification code not arriving               | ACCOUNT_ACCESS | NORMAL
            我的账户登录时一直提示密码错误，验证码也收不到                         | ACCOUNT_ACCESS | NORMAL
            I'm locked out of my account                                 | ACCOUNT_ACCESS | NORMAL
            My KYC was rejected                                          | KYC            | NORMAL
            实名认证审核失败                                                | KYC            | NORMAL
            My limit order keeps getting rejected                        | TRADING        | NORMAL
            合约爆仓了                                                     | TRADING        | NORMAL
            I want to file a complaint                                   | COMPLAINT      | NORMAL
            我要投诉客服                                                   | COMPLAINT      | NORMAL
            The trading fee seems high                                   | RATES_FEES     | NORMAL
            Hello, I have a question about your company                  | GENERAL        | NORMAL
            """)
    void classifiesByTheFirstMatchingRule(String text, Category category, Priority priority) {
        assertThat(classify(text)).isEqualTo(new TriageResult(category, priority));
    }

    @Test
    void englishKeywordsMatchWholeWordsOnly() {
        assertThat(classify("an orderly queue")).isEqualTo(Triage.UNMATCHED);
        assertThat(classify("she is a sellout").category()).isEqualTo(GENERAL);
        assertThat(classify("withdrawals are slow")).isEqualTo(new TriageResult(WITHDRAWAL, HIGH));
        assertThat(classify("Shack nearby")).isEqualTo(Triage.UNMATCHED);
    }

    @Test
    void matchingIsCaseInsensitiveAndWhitespaceTolerant() {
        assertThat(classify("DEPOSIT   NOT\n\nCREDITED")).isEqualTo(new TriageResult(DEPOSIT, HIGH));
        assertThat(classify("I CAN’T LOG\tIN")).isEqualTo(new TriageResult(ACCOUNT_ACCESS, NORMAL));
    }

    @Test
    void subjectAndDescriptionAreBothRead() {
        assertThat(triage.classify("Account hacked", "Please help", "en")).isEqualTo(new TriageResult(SECURITY, URGENT));
        assertThat(triage.classify("Help", "充值没到账", "zh-CN")).isEqualTo(new TriageResult(DEPOSIT, HIGH));
        assertThat(triage.classify(null, null, null)).isEqualTo(Triage.UNMATCHED);
    }

    @Test
    void exposedSecretsMakeATicketAtLeastSecurityHigh() {
        assertThat(triage.classify("Help", "How do I register? [REDACTED:PASSWORD]", "en", true))
                .isEqualTo(new TriageResult(SECURITY, HIGH));
        assertThat(triage.classify("Help", "Deposit not credited", "en", true)).isEqualTo(new TriageResult(SECURITY, HIGH));
        assertThat(triage.classify("Hacked", "They took everything", "en", true)).isEqualTo(new TriageResult(SECURITY, URGENT));
        assertThat(triage.classify("Help", "How do I register?", "en", false)).isEqualTo(new TriageResult(GENERAL, LOW));
        assertThat(new TriageResult(KYC, LOW).withExposedSecrets()).isEqualTo(new TriageResult(SECURITY, HIGH));
    }

    @Test
    void redactionMarkersAreNotReadAsKeywords() {
        assertThat(classify("Here you go: [REDACTED:PASSWORD]")).isEqualTo(Triage.UNMATCHED);
        assertThat(classify("trade failed [REDACTED:TWO_FACTOR_CODE]")).isEqualTo(new TriageResult(TRADING, NORMAL));
    }

    @Test
    void onlyTheStartOfAVeryLongTextIsRead() {
        String filler = "lorem ipsum ".repeat(Triage.MAX_CHARS);
        assertThat(classify(filler + "my funds were stolen")).isEqualTo(Triage.UNMATCHED);
        assertThat(classify("my funds were stolen " + filler)).isEqualTo(new TriageResult(SECURITY, URGENT));
    }

    @Test
    void everyRuleHasKeywordsAndADescription() {
        Set<String> seen = new HashSet<>();
        for (Triage.Rule rule : Triage.RULES) {
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.keywords()).isNotEmpty();
            for (Triage.Keyword k : rule.keywords()) {
                assertThat(seen.add(rule.result() + ":" + k.text())).as("duplicate keyword %s", k.text()).isTrue();
                assertThat(k.text()).isEqualTo(k.text().strip()).isNotEmpty();
            }
        }
        assertThat(Triage.RULES).extracting(r -> r.result().category())
                .contains(SECURITY, DEPOSIT, WITHDRAWAL, ACCOUNT_ACCESS, KYC, TRADING, RATES_FEES, COMPLAINT, GENERAL);
    }
}
