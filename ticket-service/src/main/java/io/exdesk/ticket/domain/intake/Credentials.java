package io.exdesk.ticket.domain.intake;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords, PINs, exchange API keys and secrets, access tokens and 2FA codes, found by the name
 * they are given, in whatever notation: {@code password=x}, {@code password: x},
 * {@code "password": "x"} (JSON, any quotes and spacing), YAML, {@code 'password' => 'x'},
 * {@code loginPassword = x}, "my password is x", "password for my account is x", "密码是x",
 * "我的密码：x", "资金密码 123456", "API Key: …", "Secret Key：…", "passphrase: …" (OKX); and an
 * unlabelled 64-character mixed-case alphanumeric string, the shape of a Binance-style API key or
 * secret.
 *
 * <p>What follows a name must look like a value of that kind: a quoted value is taken whole; an
 * unquoted one must not be a word that describes the secret instead ("password is wrong",
 * "forgot my password: help"), a PIN is digits, an API key or secret has letters and digits. Without
 * an operator (":", "=", "is", "是") only a value that looks like a password counts
 * ("password hunter2", "交易密码 123456").
 */
final class Credentials {

    private static final String SEP = "[ _.\\-]?";

    /** The names, longest first within each group; English ones start and end an identifier. */
    private static final Pattern NAME = Pattern.compile(
            "(?=[aAbBcCpPrRsS密口秘])(?:(?<zhpassword>pin[码碼]|密码|密碼|口令)"
                    + "|(?<zhapi>密钥|密鑰|秘钥|秘鑰)"
                    + "|(?:(?<![A-Za-z0-9])|(?-i:(?<=[a-z0-9])(?=[A-Z])))(?:"
                    + "(?<api>api" + SEP + "secret" + SEP + "key|api" + SEP + "secret|secret" + SEP + "key"
                    + "|client" + SEP + "secret|app" + SEP + "secret|api" + SEP + "key|access" + SEP + "key(?:" + SEP
                    + "(?:id|secret))?|(?:access|auth|refresh|api|session|bearer)" + SEP + "token)"
                    + "|(?<pin>pin" + SEP + "code|pin)"
                    + "|(?<password>pass" + SEP + "phrase|pass" + SEP + "code|pass" + SEP + "word|passwd|passwort|pwd|pw|pass"
                    + "|secret)"
                    + ")(?:[_.\\-][A-Za-z0-9]{1,12}){0,2}(?![A-Za-z0-9]))",
            Pattern.CASE_INSENSITIVE);

    /** Operators between a name and its value, longest first. */
    private static final String[] OPERATORS = {
        "=>", "->", ":=", "==", "=", ":", "：", "设置为", "設置為", "设置成", "設置成", "改成", "改为", "改為", "设为",
        "設為", "设成", "就是", "是", "为", "為"};
    private static final Set<String> WORD_OPERATORS = Set.of("is", "was", "are");
    private static final Set<String> FILLER_STARTS = Set.of("for", "of", "on", "to", "at", "in");

    /** A 2FA cue, connecting words, then the code (group 1): 6-8 digits or "123 456". */
    private static final Pattern TWO_FACTOR_CODE = Pattern.compile(
            "(?:(?<![a-z0-9])(?:google[ _-]?(?:auth(?:enticator)?[ _-]?)?code|2fa|mfa|otp|totp|authenticator"
                    + "|auth[ _-]?code|sms[ _-]?code|email[ _-]?code|verification[ _-]?code|security[ _-]?code"
                    + "|one[- ]time code|one[- ]time password)(?:(?![a-z0-9])|(?=code))"
                    + "|谷歌验证码|谷歌验证|谷歌驗證碼|验证码|驗證碼|动态码|動態碼|校验码|校驗碼|安全码|安全碼|短信码|簡訊碼)"
                    + "(?:[\\s:=：,，\"'`>_-]|code|codes|is|was|number|是|为|為|设置为|设为|就是|如下)*+"
                    + "(\\d{6,8}|\\d{3}[ -]\\d{3})(?![0-9A-Za-z])",
            Pattern.CASE_INSENSITIVE);

    /** An unlabelled 64-character alphanumeric string; {@link #isApiKeyShaped} asks for mixed case and digits. */
    private static final Pattern API_KEY_SHAPE =
            Pattern.compile("(?<![0-9A-Za-z+/=_-])[0-9A-Za-z]{64}(?![0-9A-Za-z+/=_-])");

    private static final Pattern BEARER =
            Pattern.compile("(?<![A-Za-z])bearer[ \\t]+([A-Za-z0-9._~+/=-]{16,512})", Pattern.CASE_INSENSITIVE);

    /** Words after "password is" / "password:" that describe the password instead of being it. Lower case. */
    private static final Set<String> NOT_A_PASSWORD = Set.of(
            "wrong", "incorrect", "not", "correct", "invalid", "expired", "too", "being", "still", "reset",
            "changed", "locked", "required", "rejected", "the", "a", "an", "my", "your", "same", "weak",
            "strong", "ok", "okay", "fine", "right", "definitely", "always", "blocked", "forgotten", "lost",
            "missing", "no", "also", "now", "never", "and", "but", "or", "because", "so", "that", "this",
            "it", "what", "which", "when", "for", "of", "in", "on", "at", "to", "with", "just", "probably",
            "very", "only", "stored", "saved", "set", "updated", "accepted", "working", "empty", "case",
            "sensitive", "case-sensitive", "different", "new", "old", "hidden", "unknown", "n/a", "how", "why",
            "where", "who", "please", "here", "below", "above", "attached", "i", "me", "is", "was", "are", "be",
            "forgot", "forget", "help", "again", "twice", "once", "field", "manager", "policy", "rules", "length",
            "strength", "change", "recovery", "protected", "login", "sign", "null", "none", "nil", "true",
            "false", "undefined", "mine", "yours", "ours", "there", "then", "than", "like", "as", "if",
            "has", "had", "have", "does", "did", "do", "can", "cannot", "can't", "could", "should", "would",
            "will", "won't", "isn't", "wasn't", "doesn't", "didn't", "all", "any", "some", "every", "each",
            "our", "his", "her", "their", "its", "by", "from", "up", "out", "off", "over", "into", "about");

    private static final int MAX_VALUE = 256;
    private static final int MAX_TOKEN = 128;

    private enum Rule {
        /** Anything quoted; unquoted, a token that is not a describing word. */
        PASSWORD,
        /** 4 to 12 digits. */
        PIN,
        /** At least 8 characters of a key's alphabet, with letters and digits. */
        API_KEY
    }

    private Credentials() {
    }

    static void find(String text, Spans spans) {
        findNamed(text, spans);
        findApiKeyShapes(text, spans);
        Matcher bearer = BEARER.matcher(text);
        while (bearer.find()) {
            spans.add(bearer.start(1), bearer.end(1), SecretKind.API_KEY);
        }
        Matcher code = TWO_FACTOR_CODE.matcher(text);
        while (code.find()) {
            spans.add(code.start(1), code.end(1), SecretKind.TWO_FACTOR_CODE);
        }
    }

    private static void findNamed(String text, Spans spans) {
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            if (insideMarker(text, m.start())) {
                continue;
            }
            Rule rule;
            SecretKind kind;
            boolean chinese = false;
            if (m.group("api") != null) {
                rule = Rule.API_KEY;
                kind = SecretKind.API_KEY;
            } else if (m.group("pin") != null) {
                rule = Rule.PIN;
                kind = SecretKind.PASSWORD;
            } else if (m.group("password") != null) {
                rule = Rule.PASSWORD;
                kind = m.group("password").equalsIgnoreCase("secret") ? SecretKind.API_KEY : SecretKind.PASSWORD;
            } else if (m.group("zhpassword") != null) {
                rule = m.group("zhpassword").regionMatches(true, 0, "pin", 0, 3) ? Rule.PIN : Rule.PASSWORD;
                kind = SecretKind.PASSWORD;
                chinese = true;
            } else {
                rule = Rule.API_KEY;
                kind = SecretKind.API_KEY;
                chinese = true;
            }
            Value value = value(text, m.end(), chinese);
            if (value != null) {
                int end = valueEnd(text, value, rule);
                if (end > value.start()) {
                    spans.add(value.start(), end, kind);
                }
            }
        }
    }

    /** "[REDACTED:PASSWORD]" names what was there; it is not a name followed by a value. */
    private static boolean insideMarker(String text, int at) {
        return at >= 10 && text.startsWith("[REDACTED:", at - 10);
    }

    /** How a value is tied to its name, which decides how sure a value must look. */
    private enum Tie {
        /** ":", "=", "=>", "：", "是", "为": the value is whatever follows. */
        OPERATOR,
        /** "is", "was", "for my account is": English prose, where a describing word follows as often. */
        WORDS,
        /** Nothing but a space ("password hunter2", "资金密码 123456", "密码123456"). */
        ADJACENT
    }

    private record Value(int start, Tie tie) {
    }

    /**
     * Where the value after a name that ends at {@code at} starts, and how it is tied to the name:
     * "password: ", "\"password\" => '", "密码是", "password for my account is ", "password hunter2";
     * null when nothing can follow.
     */
    private static Value value(String text, int at, boolean chinese) {
        int n = text.length();
        int i = skipBlanks(text, at);
        if (i < n && "\"'`”’]".indexOf(text.charAt(i)) >= 0) {
            i = skipBlanks(text, i + 1);
        }
        Tie tie = Tie.OPERATOR;
        int op = symbolOperatorEnd(text, i);
        if (op < 0 && !chinese) {
            tie = Tie.WORDS;
            op = wordOperatorEnd(text, i);
            if (op < 0) {
                op = fillerThenOperatorEnd(text, i);
            }
        }
        if (op >= 0) {
            int start = skipBlanks(text, op);
            if (start < n && (text.charAt(start) == ':' || text.charAt(start) == '：')) {
                start = skipBlanks(text, start + 1);
            }
            return new Value(start, tie);
        }
        return i > at || chinese ? new Value(i, Tie.ADJACENT) : null;
    }

    /** End of the symbol or Chinese operator at {@code i}, or -1. */
    private static int symbolOperatorEnd(String text, int i) {
        for (String op : OPERATORS) {
            if (text.startsWith(op, i)) {
                return i + op.length();
            }
        }
        return -1;
    }

    /** End of "is", "was" or "are" at {@code i}, or -1. */
    private static int wordOperatorEnd(String text, int i) {
        int wordEnd = i;
        while (wordEnd < text.length() && wordEnd - i < 4 && isAsciiLetter(text.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd > i && (wordEnd == text.length() || !isAsciiLetter(text.charAt(wordEnd)))
                && WORD_OPERATORS.contains(text.substring(i, wordEnd).toLowerCase(Locale.ROOT))) {
            return wordEnd;
        }
        return -1;
    }

    /** "for my Binance account is ": a filler of one to three words, then "is" or ": ". */
    private static int fillerThenOperatorEnd(String text, int i) {
        int wordEnd = tokenEnd(text, i);
        if (wordEnd == i || !FILLER_STARTS.contains(text.substring(i, wordEnd).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int at = wordEnd;
        for (int words = 0; words < 3; words++) {
            int next = skipBlanks(text, at);
            if (next == at) {
                return -1;
            }
            int end = tokenEnd(text, next);
            if (end == next) {
                return -1;
            }
            int next2 = skipBlanks(text, end);
            int op = wordOperatorEnd(text, next2);
            if (op < 0 && next2 < text.length() && text.charAt(next2) == ':'
                    && next2 + 1 < text.length() && Character.isWhitespace(text.charAt(next2 + 1))) {
                op = next2 + 1;
            }
            if (op >= 0) {
                return op;
            }
            at = end;
        }
        return -1;
    }

    private static int tokenEnd(String text, int i) {
        int end = i;
        while (end < text.length() && end - i < 30
                && (Labels.isAsciiLetterOrDigit(text.charAt(end)) || "@.'_-".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return end;
    }

    /** End of the secret value, or its start if there is none. */
    private static int valueEnd(String text, Value value, Rule rule) {
        int n = text.length();
        int none = value.start();
        int start = none;
        if (start >= n || text.startsWith("[REDACTED:", start)) {
            return none;
        }
        int close = closingQuote(text.charAt(start));
        if (close >= 0) {
            int limit = Math.min(n, start + MAX_VALUE);
            for (int i = start + 1; i < limit; i++) {
                char c = text.charAt(i);
                if (c == close) {
                    return accepts(text.substring(start + 1, i).strip(), rule, value.tie(), true) ? i + 1 : none;
                }
                if (c == '\n') {
                    break;
                }
            }
            start++;
        }
        int end = start;
        int limit = Math.min(n, start + MAX_TOKEN);
        while (end < limit && isValueChar(text.charAt(end))) {
            end++;
        }
        int coreEnd = end;
        while (coreEnd > start && ".,;:!?)]}>'\"”’".indexOf(text.charAt(coreEnd - 1)) >= 0) {
            coreEnd--;
        }
        if (coreEnd == start || text.startsWith("[REDACTED:", start)) {
            return none;
        }
        return accepts(text.substring(start, coreEnd), rule, value.tie(), false) ? end : none;
    }

    private static boolean accepts(String value, Rule rule, Tie tie, boolean quoted) {
        if (value.isEmpty() || isPlaceholder(value) || !hasLetterOrDigit(value)) {
            return false;
        }
        return switch (rule) {
            case PIN -> isDigits(value, 4, 12);
            case API_KEY -> isKeyLike(value);
            case PASSWORD -> switch (tie) {
                case OPERATOR -> quoted || !NOT_A_PASSWORD.contains(value.toLowerCase(Locale.ROOT));
                case WORDS -> quoted || (!NOT_A_PASSWORD.contains(value.toLowerCase(Locale.ROOT)) && isPasswordLike(value));
                case ADJACENT -> isPasswordLike(value) && hasDigit(value);
            };
        };
    }

    /**
     * Not a word of prose: 4-64 characters with a digit, a symbol or an upper-case letter after the
     * first ("hunter2", "S3cr3t!!", "passWord"), not "valid" or "Locked".
     */
    private static boolean isPasswordLike(String value) {
        if (value.length() < 4 || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetter(c) || (i > 0 && c >= 'A' && c <= 'Z' && value.charAt(i - 1) >= 'a')) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLetterOrDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKeyLike(String value) {
        if (value.length() < 8) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isAsciiLetter(c)) {
                letter = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("+/=_-.:~".indexOf(c) < 0) {
                return false;
            }
        }
        return letter && digit;
    }

    private static boolean isDigits(String value, int min, int max) {
        if (value.length() < min || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** "***", "xxxxxx", "•••", "<password>", "...": what people write instead of the secret. */
    private static boolean isPlaceholder(String value) {
        if (value.startsWith("<") && value.endsWith(">")) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if ("*xX.•·…#?".indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void findApiKeyShapes(String text, Spans spans) {
        Matcher m = API_KEY_SHAPE.matcher(text);
        while (m.find()) {
            if (isApiKeyShaped(text, m.start(), m.end())) {
                spans.add(m.start(), m.end(), SecretKind.API_KEY);
            }
        }
    }

    /** Upper case, lower case and digits, and not hex (64 hex digits are a hash or a key, decided elsewhere). */
    private static boolean isApiKeyShaped(String text, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean hex = true;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
            hex &= (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
        }
        return upper && lower && digit && !hex;
    }

    /** Values are printable, without spaces, and end where Chinese text or full-width punctuation starts. */
    private static boolean isValueChar(char c) {
        return c > ' ' && c < '\u2E80' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && "“”‘’".indexOf(c) < 0;
    }

    private static int closingQuote(char open) {
        return switch (open) {
            case '"' -> '"';
            case '\'' -> '\'';
            case '`' -> '`';
            case '“' -> '”';
            case '‘' -> '’';
            case '「' -> '」';
            case '『' -> '』';
            case '«' -> '»';
            default -> -1;
        };
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\u3000')) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
