package io.exdesk.ticket.domain.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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

    /** Checksums are computed for many candidate windows; a digest per thread saves its lookup. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    private static final List<String> ENGLISH = load(Wordlist.ENGLISH);
    private static final List<String> CHINESE_SIMPLIFIED = load(Wordlist.CHINESE_SIMPLIFIED);
    private static final List<String> CHINESE_TRADITIONAL = load(Wordlist.CHINESE_TRADITIONAL);

    private static final Set<String> ENGLISH_WORDS = Set.copyOf(ENGLISH);
    /** Every Chinese word is one BMP character, so a word's index is a table lookup (-1: not a word). */
    private static final short[] SIMPLIFIED_INDEX = chineseIndex(CHINESE_SIMPLIFIED);
    private static final short[] TRADITIONAL_INDEX = chineseIndex(CHINESE_TRADITIONAL);

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
        return SIMPLIFIED_INDEX[c] >= 0 || TRADITIONAL_INDEX[c] >= 0;
    }

    /** The index of {@code c} in a Chinese list, or -1 if it is not one of its words. */
    static int chineseIndex(Wordlist list, char c) {
        return switch (list) {
            case CHINESE_SIMPLIFIED -> SIMPLIFIED_INDEX[c];
            case CHINESE_TRADITIONAL -> TRADITIONAL_INDEX[c];
            case ENGLISH -> -1;
        };
    }

    /**
     * Whether the words with these indices form a mnemonic with a valid BIP-39 checksum: the
     * 11-bit indices concatenated are the entropy followed by the first {@code bits / 33} bits of
     * the entropy's SHA-256. Only 12, 15, 18, 21 and 24 words carry a checksum.
     */
    static boolean hasValidChecksum(int[] indices, int from, int count) {
        if (count < 12 || count > 24 || count % 3 != 0) {
            return false;
        }
        int checksumBits = count * 11 / 33;
        byte[] entropy = new byte[(count * 11 - checksumBits) / 8];
        int bit = 0;
        for (int w = 0; w < count; w++) {
            int index = indices[from + w];
            for (int b = 10; b >= 0; b--, bit++) {
                if (bit < entropy.length * 8 && ((index >> b) & 1) != 0) {
                    entropy[bit >> 3] |= (byte) (0x80 >>> (bit & 7));
                }
            }
        }
        int expected = (SHA256.get().digest(entropy)[0] & 0xFF) >>> (8 - checksumBits);
        int actual = indices[from + count - 1] & ((1 << checksumBits) - 1);
        return expected == actual;
    }

    private static short[] chineseIndex(List<String> list) {
        short[] table = new short[Character.MAX_VALUE + 1];
        Arrays.fill(table, (short) -1);
        for (int i = 0; i < list.size(); i++) {
            String word = list.get(i);
            if (word.length() != 1) {
                throw new IllegalStateException("Chinese BIP-39 word is not one character: " + word);
            }
            table[word.charAt(0)] = (short) i;
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
