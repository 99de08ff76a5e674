package io.exdesk.ticket.domain.intake;

import io.exdesk.ticket.domain.intake.Bip39Wordlists.Wordlist;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

/**
 * The 30,000 most frequent two-character Chinese words whose characters are both BIP-39 words
 * ({@code /intake/chinese-common-words.txt}, derived from jieba's dictionary, see the README there).
 * Prose is full of them; a seed phrase, drawn at random, almost never has two in a row. Words are
 * kept as pairs of wordlist indices, and the simplified and traditional lists share their order, so
 * one table serves both scripts.
 */
final class ChineseWords {

    static final int COUNT = 30_000;
    private static final int SIZE = Bip39Wordlists.WORDS_PER_LIST;
    private static final BitSet PAIRS = load();

    private ChineseWords() {
    }

    /** Whether the words with these indices, in this order, form a common Chinese word. */
    static boolean isCommonWord(int first, int second) {
        return PAIRS.get(first * SIZE + second);
    }

    private static BitSet load() {
        String resource = "/intake/chinese-common-words.txt";
        List<String> words;
        try (InputStream in = ChineseWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            words = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        if (words.size() != COUNT) {
            throw new IllegalStateException(resource + " has " + words.size() + " words, not " + COUNT);
        }
        BitSet pairs = new BitSet(SIZE * SIZE);
        for (String word : words) {
            int first = word.length() == 2 ? Bip39Wordlists.chineseIndex(Wordlist.CHINESE_SIMPLIFIED, word.charAt(0)) : -1;
            int second = word.length() == 2 ? Bip39Wordlists.chineseIndex(Wordlist.CHINESE_SIMPLIFIED, word.charAt(1)) : -1;
            if (first < 0 || second < 0) {
                throw new IllegalStateException(resource + ": not two BIP-39 characters: " + word);
            }
            pairs.set(first * SIZE + second);
        }
        return pairs;
    }
}
