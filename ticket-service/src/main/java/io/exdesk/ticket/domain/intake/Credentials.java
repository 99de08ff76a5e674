package io.exdesk.ticket.domain.intake;

import io.exdesk.ticket.domain.intake.CredentialNames.Rule;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords, PINs, 2FA backup codes, exchange API keys and secrets and access tokens, found by the name
 * they are given in any of the languages of {@link CredentialNames} ("password", "密码", "wachtwoord",
 * "mot de passe", "contraseña", "пароль", "パスワード", "비밀번호", "mật khẩu", "şifre", "kata sandi",
 * "รหัสผ่าน", "backup codes", "API-Schlüssel"…), in whatever notation: {@code password=x},
 * {@code password: x}, {@code "password": "x"} (JSON, any quotes and spacing), YAML,
 * {@code 'password' => 'x'}, {@code loginPassword = x}, the name on a line of its own and the value on the
 * next, "my password is x", "mein Passwort ist x", "password for my account is x", "密码是x", "비밀번호는 x",
 * "资金密码 123456"; 2FA codes after their cue; and an unlabelled 64-character mixed-case alphanumeric
 * string, the shape of a Binance-style API key or secret.
 *
 * <p>What follows a name must look like a value of that kind: a quoted value is taken whole; an
 * unquoted one must have a Latin letter or digit and must not be a word that describes the secret
 * instead ("password is wrong", "wachtwoord: vergeten", "forgot my password: help"), a PIN is digits,
 * backup codes are codes with digits, an API key or secret has letters and digits. Without an operator
 * (":", "=", "is", "是", "는") only a value that looks like a password counts ("password hunter2",
 * "交易密码 123456").
 */
final class Credentials {

    /** Operators between a name and its value, longest first. */
    private static final String[] OPERATORS = {
        "=>", "->", ":=", "==", "=", ":", "：", "—", "–", "设置为", "設置為", "设置成", "設置成", "改成", "改为", "改為", "设为",
        "設為", "设成", "就是", "是", "为", "為", "は", "는", "은", "คือ"};
    /** "is" in the languages of {@link CredentialNames}, written with and without accents. */
    private static final Set<String> WORD_OPERATORS = Set.of(
            "is", "was", "are", "ist", "war", "est", "es", "era", "è", "é", "là", "la", "adalah", "ialah", "это");
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

    /** Codes after a backup-code name: "4837 2956, 1029 3847", "1. a1b2c-3d4e5\n2. …". */
    private static final String CODE =
            "(?:\\d{1,2}[.)][ \\t]?)?(?=[A-Za-z\\-]{0,24}[0-9])[A-Za-z0-9]{4,12}(?:-[A-Za-z0-9]{3,12})?(?![A-Za-z0-9\\-])";
    private static final Pattern CODE_LIST = Pattern.compile(CODE + "(?:[\\s,;，、]{1,4}" + CODE + "){0,23}");

    private static final int MAX_VALUE = 256;
    private static final int MAX_TOKEN = 128;

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
        Matcher m = CredentialNames.NAME.matcher(text);
        while (m.find()) {
            if (insideMarker(text, m.start())) {
                continue;
            }
            Rule rule = CredentialNames.rule(m.group());
            SecretKind kind = switch (rule) {
                case API_KEY -> SecretKind.API_KEY;
                case CODES -> SecretKind.TWO_FACTOR_CODE;
                // "secret" alone is what an exchange calls the second half of an API-key pair
                case PASSWORD -> m.group().regionMatches(true, 0, "secret", 0, 6) ? SecretKind.API_KEY : SecretKind.PASSWORD;
                case PIN -> SecretKind.PASSWORD;
            };
            Value value = value(text, m.end(), CredentialNames.endsSpaceless(m.group()));
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
     * "password: ", "\"password\" => '", "密码是", "password for my account is ", "password hunter2", and
     * each of these with the value on the next line ("Wachtwoord:\nZomer2024!"); null when nothing can
     * follow. {@code spaceless}: the name ends in a script written without spaces, so the value may
     * follow at once and is never tied by a word.
     */
    private static Value value(String text, int at, boolean spaceless) {
        int n = text.length();
        int i = skipBlanks(text, at);
        if (i < n && "\"'`”’]".indexOf(text.charAt(i)) >= 0) {
            i = skipBlanks(text, i + 1);
        }
        Tie tie = Tie.OPERATOR;
        int op = symbolOperatorEnd(text, i);
        if (op < 0 && !spaceless) {
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
            return new Value(nextLine(text, start), tie);
        }
        int next = nextLine(text, i);
        return next > at || spaceless ? new Value(next, Tie.ADJACENT) : null;
    }

    /** Past one line break at {@code i} and the blanks that indent the next line, if there is one. */
    private static int nextLine(String text, int i) {
        if (text.startsWith("\r\n", i)) {
            return skipBlanks(text, i + 2);
        }
        return i < text.length() && text.charAt(i) == '\n' ? skipBlanks(text, i + 1) : i;
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

    /** End of "is", "was", "ist", "est", "là", "adalah"… at {@code i}, or -1. */
    private static int wordOperatorEnd(String text, int i) {
        int wordEnd = i;
        while (wordEnd < text.length() && wordEnd - i < 7 && Character.isLetter(text.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd > i && (wordEnd == text.length() || !Character.isLetter(text.charAt(wordEnd)))
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
        if (rule == Rule.CODES) {
            Matcher codes = CODE_LIST.matcher(text).region(start, n);
            return codes.lookingAt() ? codes.end() : none;
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
            case CODES -> CODE_LIST.matcher(value).matches();
            case API_KEY -> isKeyLike(value);
            // unquoted, a value without a Latin letter or digit is prose ("забыл", "ลืมแล้ว")
            case PASSWORD -> quoted || hasAsciiLetterOrDigit(value) && switch (tie) {
                case OPERATOR -> !CredentialNames.describes(value);
                case WORDS -> !CredentialNames.describes(value) && isPasswordLike(value);
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

    private static boolean hasAsciiLetterOrDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Labels.isAsciiLetterOrDigit(value.charAt(i))) {
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
