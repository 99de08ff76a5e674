package io.exdesk.ticket.domain.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.ticket.domain.intake.Bip39Wordlists.Wordlist;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped wordlists are the official BIP-39 lists, not look-alikes. */
class Bip39WordlistsTest {

    @ParameterizedTest
    @EnumSource(Wordlist.class)
    void eachListHas2048DistinctWordsAndTheOfficialDigest(Wordlist list) throws Exception {
        List<String> words = Bip39Wordlists.words(list);
        assertThat(words).hasSize(2048).doesNotHaveDuplicates();

        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/intake/bip39/" + list.file)) {
            bytes = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(list.sha256);
    }

    @Test
    void englishIsTheOfficialList() {
        List<String> english = Bip39Wordlists.words(Wordlist.ENGLISH);
        assertThat(english.get(0)).isEqualTo("abandon");
        assertThat(english.get(1)).isEqualTo("ability");
        assertThat(english.get(2047)).isEqualTo("zoo");
        assertThat(english).isSorted().allMatch(w -> w.matches("[a-z]{3,8}"));
        assertThat(Bip39Wordlists.isEnglishWord("abandon")).isTrue();
        assertThat(Bip39Wordlists.isEnglishWord("the")).isFalse();
    }

    @Test
    void chineseListsAreTheOfficialOnes() {
        List<String> simplified = Bip39Wordlists.words(Wordlist.CHINESE_SIMPLIFIED);
        List<String> traditional = Bip39Wordlists.words(Wordlist.CHINESE_TRADITIONAL);
        assertThat(simplified.subList(0, 4)).containsExactly("的", "一", "是", "在");
        assertThat(simplified.get(2047)).isEqualTo("歇");
        assertThat(traditional.get(0)).isEqualTo("的");
        assertThat(traditional).contains("這", "說").doesNotContain("这");
        assertThat(simplified).contains("这", "说");
        assertThat(simplified).allMatch(w -> w.length() == 1);
        assertThat(traditional).allMatch(w -> w.length() == 1);
        assertThat(Bip39Wordlists.isChineseWord('的')).isTrue();
        assertThat(Bip39Wordlists.isChineseWord('這')).isTrue();
        assertThat(Bip39Wordlists.isChineseWord('a')).isFalse();
    }
}
