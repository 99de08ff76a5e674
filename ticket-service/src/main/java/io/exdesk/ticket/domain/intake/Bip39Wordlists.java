package io.exdesk.ticket.domain.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The official BIP-39 wordlists the redactor looks for, loaded once from
 * {@code /intake/bip39/*.txt} and verified against the SHA-256 digests published with BIP-39.
 */
final class Bip39Wordlists {

    enum Wordlist {
        ENGLISH("english.txt", "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"),
        CHINESE_SIMPLIFIED("chinese_simplified.txt", "5c5942792bd8340cb8b27cd592f1015edf56a8c5b26276ee18a482428e7c5726"),
        CHINESE_TRADITIONAL("chinese_traditional.txt", "417b26b3d8500a4ae3d59717d7011952db6fc2fb84b807f3f94ac734e89c1b5f");

        final String file;
        final String sha256;

        Wordlist(String file, String sha256) {
            this.file = file;
            this.sha256 = sha256;
        }
    }

    static final int WORDS_PER_LIST = 2048;

    private static final List<String> ENGLISH = load(Wordlist.ENGLISH);
    private static final List<String> CHINESE_SIMPLIFIED = load(Wordlist.CHINESE_SIMPLIFIED);
    private static final List<String> CHINESE_TRADITIONAL = load(Wordlist.CHINESE_TRADITIONAL);

    private static final Set<String> ENGLISH_WORDS = Set.copyOf(ENGLISH);
    /** Every Chinese word is one BMP character, so membership is a table lookup. */
    private static final boolean[] CHINESE_CHARS = chineseTable();

    private Bip39Wordlists() {
    }

    /** Loads and verifies the lists now (class initialisation) rather than on the first ticket. */
    static void ensureLoaded() {
        // class initialisation has run by the time this executes
    }

    static List<String> words(Wordlist list) {
        return switch (list) {
            case ENGLISH -> ENGLISH;
            case CHINESE_SIMPLIFIED -> CHINESE_SIMPLIFIED;
            case CHINESE_TRADITIONAL -> CHINESE_TRADITIONAL;
        };
    }

    /** Whether {@code lowerCaseWord} is in the English list (the list is all lower case). */
    static boolean isEnglishWord(String lowerCaseWord) {
        return ENGLISH_WORDS.contains(lowerCaseWord);
    }

    /** Whether {@code c} is a word of the simplified or the traditional Chinese list. */
    static boolean isChineseWord(char c) {
        return CHINESE_CHARS[c];
    }

    private static boolean[] chineseTable() {
        boolean[] table = new boolean[Character.MAX_VALUE + 1];
        for (List<String> list : List.of(CHINESE_SIMPLIFIED, CHINESE_TRADITIONAL)) {
            for (String word : list) {
                if (word.length() != 1) {
                    throw new IllegalStateException("Chinese BIP-39 word is not one character: " + word);
                }
                table[word.charAt(0)] = true;
            }
        }
        return table;
    }

    private static List<String> load(Wordlist list) {
        String resource = "/intake/bip39/" + list.file;
        byte[] bytes;
        try (InputStream in = Bip39Wordlists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("BIP-39 wordlist missing from the classpath: " + resource);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        String digest = HexFormat.of().formatHex(sha256(bytes));
        if (!digest.equals(list.sha256)) {
            throw new IllegalStateException(resource + " is not the official BIP-39 list (sha256 " + digest + ")");
        }
        List<String> words = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (words.size() != WORDS_PER_LIST) {
            throw new IllegalStateException(resource + " has " + words.size() + " words");
        }
        return words;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
