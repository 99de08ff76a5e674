package io.exdesk.ticket.domain.intake;

import io.exdesk.ticket.domain.intake.Bip39Wordlists.Wordlist;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIP-39 seed phrases, the way customers paste them.
 *
 * <p><b>Separated words</b> (English words, or Chinese characters that each stand alone): twelve or
 * more wordlist words in a row, whatever separates them: spaces, line breaks, ASCII or full-width
 * commas and 、, quotes of a JSON array, and numbering ("1. ", "1) ", "(1)", "#1", "①", "第1个",
 * "1st"). Prose never strings twelve of these together, so no checksum is asked: a phrase with a
 * mistyped checksum word is still a secret. The first and last Chinese word may be glued to the
 * text around them ("助记词是讲，梯，…，贮请帮我").
 *
 * <p><b>Chinese characters without separators</b> ("的一是在不了有和人这中大…") are the hard case:
 * the Chinese lists are the 2048 most frequent characters, so ordinary Chinese prose is one long
 * run of wordlist words. A window of 12, 15, 18, 21 or 24 characters there is taken for a phrase
 * only on evidence that prose does not give:
 * <ul>
 * <li><i>it does not read as prose</i>: a phrase's words are drawn uniformly from the list,
 *     prose's follow the list's frequency order (the lists are sorted by frequency), so the
 *     log-likelihood ratio of the window under a Zipf model of prose against the uniform draw must
 *     favour the draw. Hand-made phrases count too: a character three times in a row, or words in
 *     list order ("的一是在不了有和人这中大"), which prose never is;</li>
 * <li><i>its BIP-39 checksum holds</i> (4 to 8 bits: one window in 16 to 256 passes by chance);</li>
 * <li><i>it has the boundaries of a pasted phrase</i>: it starts and ends at a separator, the end
 *     of the text or a non-wordlist character, or follows a cue such as "助记词：" or "seed phrase".</li>
 * </ul>
 * A window is a phrase when it reads as random, its checksum holds and it has both boundaries, or
 * one boundary and a cue nearby; without a valid checksum only when it fills the whole space
 * right after a cue ("助记词是：…"). Measured on prose (see the tests' Chinese corpus) this finds
 * nothing, while a random valid phrase without any cue is missed about once in fifty.
 */
final class SeedPhrases {

    static final int MIN_WORDS = 12;
    private static final int[] PHRASE_LENGTHS = {24, 21, 18, 15, 12};
    /** Longest separator between two words, numbering included ("\n  第12个单词： "). */
    private static final int MAX_GAP = 16;
    /** How far before or after a window a cue counts as "nearby". */
    private static final int CUE_DISTANCE = 40;

    private static final int NO_RUN = 0;
    private static final int ENGLISH = 1;
    private static final int CHINESE = 2;

    private static final Wordlist[] CHINESE_LISTS = {Wordlist.CHINESE_SIMPLIFIED, Wordlist.CHINESE_TRADITIONAL};

    /**
     * Numbering in front of a word that contains letters, so that it is not read as a word ("第1个：",
     * "1st", "No. 1"). Numbering made of wordlist words ("Word 1:", "词1：") needs no pattern: its
     * words join the run.
     */
    private static final Pattern NUMBERING = Pattern.compile(
            "第\\d{1,2}(?:(?:个|個|位)(?:单词|單詞|词|詞|字)?|[:：])"
                    + "|第[一二三四五六七八九十]{1,3}(?:个|個|位)(?:单词|單詞|词|詞|字)?"
                    + "|\\d{1,2}(?:st|nd|rd|th)(?![A-Za-z])"
                    + "|(?:no|nr)\\.?[ \\t]*\\d{1,2}(?![0-9])",
            Pattern.CASE_INSENSITIVE);

    /** Separators that alone never separate words ("abandon-ability", "a/b", "file.name"). */
    private static final String WEAK_SEPARATORS = "./_-'’`";

    /** Words that announce a seed phrase, in both languages. */
    private static final Pattern CUE = Pattern.compile(
            "助记词|助記詞|助记|助記|记忆词|記憶詞|恢复词|恢復詞|恢复短语|恢復短語|种子词|種子詞|种子短语|種子短語"
                    + "|备份词|備份詞|钱包词|錢包詞|私钥|私鑰|密语|密語|单词|單詞"
                    + "|seed|mnemonic|recovery[ _-]?(?:phrase|words?)|secret[ _-]?(?:recovery[ _-]?)?phrase"
                    + "|backup[ _-]?phrase|wallet[ _-]?words|(?:12|15|18|21|24)[ -]?words?"
                    + "|(?:12|15|18|21|24)[ \\t]*个(?:单词|词|字)",
            Pattern.CASE_INSENSITIVE);

    /** What may stand between a cue and the phrase it announces: "助记词是：", "seed phrase = \"". */
    private static final String CUE_CONNECTORS = " \t\r\n\u3000:：=是为為\"'“”‘’「」『』[]【】(（{";
    private static final int MAX_CONNECTOR = 8;

    /**
     * Log-likelihood ratio of a word index under prose (Zipf over the frequency-sorted list) against
     * a uniform draw: positive for the characters prose is made of.
     */
    private static final double[] PROSE_LLR = proseLogLikelihoodRatios();
    /** What each common two-character word ({@link ChineseWords}) in a window adds to its prose score. */
    private static final double COMMON_WORD_WEIGHT = 3;
    /**
     * Prose scores (log-likelihood ratios plus weighted common words) below which a window of 24,
     * 21, 18, 15, 12 words counts as drawn: a random phrase scores higher once in 100,000 for a
     * window with a boundary on both sides, once in 1,000 for a window with one. Chinese prose
     * scores below them a few times per hundred windows, and the checksum passes one in 16 to 256
     * of those (measured in the tests).
     */
    private static final double[] BOTH_SIDES_THRESHOLD = {11.0, 12.5, 13.2, 12.5, 13.4};
    private static final double[] ONE_SIDED_THRESHOLD = {3.4, 4.2, 4.8, 5.4, 5.9};

    private SeedPhrases() {
    }

    static void find(String text, Spans spans) {
        findSeparated(text, spans);
        findUnseparatedChinese(text, spans);
    }

    // --- separated words ----------------------------------------------------------------------

    private static void findSeparated(String text, Spans spans) {
        SeparatedRun run = new SeparatedRun(text, spans);
        Matcher numbering = NUMBERING.matcher(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            int numberingEnd = numberingEnd(numbering, text, i);
            if (numberingEnd > i) {
                i = numberingEnd;
                continue;
            }
            char c = text.charAt(i);
            if (isAsciiLetter(c)) {
                int end = i + 1;
                while (end < n && isAsciiLetter(text.charAt(end))) {
                    end++;
                }
                boolean word = end - i >= 3 && end - i <= 8
                        && (end == n || !Character.isDigit(text.charAt(end)))
                        && Bip39Wordlists.isEnglishWord(text.substring(i, end).toLowerCase(Locale.ROOT));
                run.token(ENGLISH, i, end, word, numbering);
                i = end;
            } else if (Character.isLetter(c)) {
                boolean inList = Bip39Wordlists.isChineseWord(c);
                boolean gluedBefore = i > 0 && Character.isLetter(text.charAt(i - 1));
                boolean gluedAfter = i + 1 < n && Character.isLetter(text.charAt(i + 1));
                if (inList && !gluedBefore && !gluedAfter) {
                    run.token(CHINESE, i, i + 1, true, numbering);
                } else if (inList && !gluedAfter) {
                    run.firstWord(i);
                } else if (inList && !gluedBefore) {
                    run.lastWord(i, numbering);
                } else {
                    run.token(NO_RUN, i, i + 1, false, numbering);
                }
                i++;
            } else {
                i++;
            }
        }
        run.finish();
    }

    /** End of the numbering that starts at {@code at}, or {@code at}. */
    private static int numberingEnd(Matcher numbering, String text, int at) {
        char c = text.charAt(at);
        boolean candidate = c == '第' || (c >= '0' && c <= '9') || c == 'n' || c == 'N';
        if (!candidate || (at > 0 && isAsciiLetter(text.charAt(at - 1)) && isAsciiLetter(c))) {
            return at;
        }
        numbering.region(at, Math.min(text.length(), at + MAX_GAP));
        return numbering.lookingAt() ? numbering.end() : at;
    }

    private static final class SeparatedRun {
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
        /** The separator between the last two words, numbers left out ("、", " ", ". "). */
        private String lastGap;
        /** Whether the first word is glued to what precedes it, and where the second word starts. */
        private boolean gluedFirst;
        private int secondStart;

        SeparatedRun(String text, Spans spans) {
            this.text = text;
            this.spans = spans;
        }

        void token(int tokenKind, int tokenStart, int tokenEnd, boolean isWord, Matcher numbering) {
            if (!isWord) {
                finish();
                return;
            }
            if (words > 0 && kind == tokenKind && isWordSeparator(text, end, tokenStart, numbering)) {
                if (labelEnd < 0 && isLabelColon(text, end, tokenStart)) {
                    labelEnd = tokenStart;
                    wordsBeforeLabel = words;
                }
                String gap = gap(end, tokenStart);
                if (gluedFirst && words == 1) {
                    secondStart = tokenStart;
                } else if (gluedFirst && words == 2) {
                    if (!gap.equals(lastGap)) {
                        // separated unlike the rest: the glued first word was the text's, not the phrase's
                        start = secondStart;
                        words--;
                    }
                    gluedFirst = false;
                }
                lastGap = gap;
                end = tokenEnd;
                words++;
            } else {
                finish();
                kind = tokenKind;
                start = tokenStart;
                end = tokenEnd;
                words = 1;
                labelEnd = -1;
                gluedFirst = false;
            }
        }

        private String gap(int from, int to) {
            StringBuilder gap = new StringBuilder(to - from);
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (!Character.isDigit(c) && Character.getType(c) != Character.OTHER_NUMBER) {
                    gap.append(c);
                }
            }
            return gap.toString();
        }

        /** A Chinese word glued to what precedes it can only start a phrase ("助记词是讲，梯，蛋…"). */
        void firstWord(int at) {
            finish();
            kind = CHINESE;
            start = at;
            end = at + 1;
            words = 1;
            labelEnd = -1;
            gluedFirst = true;
        }

        /**
         * A Chinese word glued to what follows it can only end a phrase ("…，饲，贮请帮我恢复"), and
         * only when it is separated like the words before it.
         */
        void lastWord(int at, Matcher numbering) {
            if (words > 1 && kind == CHINESE && isWordSeparator(text, end, at, numbering) && gap(end, at).equals(lastGap)) {
                end = at + 1;
                words++;
            }
            finish();
        }

        void finish() {
            if (words >= MIN_WORDS) {
                boolean afterLabel = labelEnd >= 0 && words - wordsBeforeLabel >= MIN_WORDS;
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
            if (Character.isDigit(c)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Non-letters, optionally with numbering, at most {@link #MAX_GAP} long, and at least one real
     * separator among them, so that words glued together or joined by a hyphen or slash never count.
     */
    private static boolean isWordSeparator(String text, int from, int to, Matcher numbering) {
        if (to - from < 1 || to - from > MAX_GAP) {
            return false;
        }
        boolean separated = false;
        int i = from;
        while (i < to) {
            int numberingEnd = numberingEnd(numbering, text, i);
            if (numberingEnd > i && numberingEnd <= to) {
                separated = true;
                i = numberingEnd;
                continue;
            }
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                return false;
            }
            if (WEAK_SEPARATORS.indexOf(c) < 0) {
                separated = true;
            }
            i++;
        }
        return separated;
    }

    // --- Chinese characters without separators ------------------------------------------------

    private static void findUnseparatedChinese(String text, Spans spans) {
        if (text.length() < MIN_WORDS) {
            return;
        }
        ChineseWindows windows = null;
        for (Wordlist list : CHINESE_LISTS) {
            int n = text.length();
            int runStart = -1;
            int words = 0;
            for (int p = 0; p <= n; p++) {
                char c = p < n ? text.charAt(p) : '\n';
                if (p < n && Bip39Wordlists.chineseIndex(list, c) >= 0) {
                    if (runStart < 0) {
                        runStart = p;
                        words = 0;
                    }
                    words++;
                } else if (p < n && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                    continue;
                } else if (runStart >= 0) {
                    if (words >= MIN_WORDS) {
                        if (windows == null) {
                            windows = new ChineseWindows(text, spans);
                        }
                        windows.evaluate(list, runStart, p);
                    }
                    runStart = -1;
                }
            }
        }
        if (windows != null) {
            windows.addTo(spans);
        }
    }

    /**
     * The windows of one text's runs of Chinese wordlist characters (only whitespace between them)
     * that are phrases; allocated only for texts that have a run of twelve.
     */
    private static final class ChineseWindows {
        private final String text;
        private final Spans spans;
        private List<int[]> cues;
        /** Positions right after a cue and its connectors. */
        private boolean[] afterCue;
        private final List<int[]> found = new ArrayList<>(2);

        ChineseWindows(String text, Spans spans) {
            this.text = text;
            this.spans = spans;
        }

        void evaluate(Wordlist list, int from, int to) {
            int capacity = to - from;
            int[] position = new int[capacity];
            int[] index = new int[capacity];
            boolean[] gapBefore = new boolean[capacity + 1];
            int words = 0;
            boolean gap = true;
            for (int p = from; p < to; p++) {
                char c = text.charAt(p);
                int ix = Bip39Wordlists.chineseIndex(list, c);
                if (ix >= 0) {
                    position[words] = p;
                    index[words] = ix;
                    gapBefore[words] = gap;
                    words++;
                    gap = false;
                } else {
                    gap = true;
                }
            }
            gapBefore[words] = true;
            double[] llr = new double[words + 1];
            int[] commonWords = new int[words + 1];
            int[] triples = new int[words + 1];
            int[] rises = new int[words + 1];
            for (int w = 0; w < words; w++) {
                llr[w + 1] = llr[w] + PROSE_LLR[index[w]];
                boolean common = w >= 1 && ChineseWords.isCommonWord(index[w - 1], index[w]);
                commonWords[w + 1] = commonWords[w] + (common ? 1 : 0);
                boolean triple = w >= 2 && index[w] == index[w - 1] && index[w] == index[w - 2];
                triples[w + 1] = triples[w] + (triple ? 1 : 0);
                rises[w + 1] = rises[w] + (w >= 1 && index[w] > index[w - 1] ? 1 : 0);
            }
            for (int i = 0; i + MIN_WORDS <= words; i++) {
                for (int k = 0; k < PHRASE_LENGTHS.length; k++) {
                    int length = PHRASE_LENGTHS[k];
                    int end = i + length;
                    if (end > words) {
                        continue;
                    }
                    if (spans.covers(position[i], position[end - 1] + 1)) {
                        continue;
                    }
                    boolean afterCue = cueRightBefore(position[i]);
                    boolean startAligned = gapBefore[i] || afterCue;
                    boolean endAligned = gapBefore[end];
                    if (!startAligned && !endAligned) {
                        continue;
                    }
                    double prose = llr[end] - llr[i] + COMMON_WORD_WEIGHT * (commonWords[end] - commonWords[i + 1]);
                    boolean handMade = triples[end] - triples[i + 2] > 0 || rises[end] - rises[i + 1] == length - 1;
                    int spanEnd = position[end - 1] + 1;
                    boolean phrase;
                    if (handMade || prose < ONE_SIDED_THRESHOLD[k]) {
                        phrase = (afterCue && endAligned) || Bip39Wordlists.hasValidChecksum(index, i, length);
                    } else if (prose < BOTH_SIDES_THRESHOLD[k]
                            && ((startAligned && endAligned) || cueNear(position[i], spanEnd))) {
                        phrase = Bip39Wordlists.hasValidChecksum(index, i, length);
                    } else {
                        phrase = false;
                    }
                    if (phrase) {
                        found.add(new int[] {position[i], spanEnd});
                    }
                }
            }
        }

        void addTo(Spans spans) {
            for (int[] window : found) {
                spans.add(window[0], window[1], SecretKind.SEED_PHRASE);
            }
        }

        /** Whether a cue ends right before {@code at}, with only connectors ("是", "：", quotes) between. */
        private boolean cueRightBefore(int at) {
            if (afterCue == null) {
                afterCue = new boolean[text.length() + 1];
                for (int[] cue : cues()) {
                    int p = cue[1];
                    afterCue[p] = true;
                    while (p < text.length() && p - cue[1] < MAX_CONNECTOR && CUE_CONNECTORS.indexOf(text.charAt(p)) >= 0) {
                        afterCue[++p] = true;
                    }
                }
            }
            return afterCue[at];
        }

        private boolean cueNear(int start, int end) {
            for (int[] cue : cues()) {
                boolean before = cue[1] <= start && start - cue[1] <= CUE_DISTANCE;
                boolean after = cue[0] >= end && cue[0] - end <= CUE_DISTANCE;
                if (before || after) {
                    return true;
                }
            }
            return false;
        }

        private List<int[]> cues() {
            if (cues == null) {
                cues = new ArrayList<>(2);
                Matcher m = CUE.matcher(text);
                while (m.find()) {
                    cues.add(new int[] {m.start(), m.end()});
                }
            }
            return cues;
        }
    }

    private static double[] proseLogLikelihoodRatios() {
        // Zipf with a shift of 20: the shape of character frequencies in Chinese text
        int size = Bip39Wordlists.WORDS_PER_LIST;
        double shift = 20;
        double norm = 0;
        for (int r = 0; r < size; r++) {
            norm += 1 / (r + shift);
        }
        double[] llr = new double[size];
        for (int r = 0; r < size; r++) {
            llr[r] = Math.log(size / ((r + shift) * norm));
        }
        return llr;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
