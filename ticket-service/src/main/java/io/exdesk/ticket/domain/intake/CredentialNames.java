package io.exdesk.ticket.domain.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What customers of an exchange in Asia and Europe call the credentials they paste, in the languages
 * they write: a password or passphrase, a PIN, 2FA backup codes, an API key or secret; and the words
 * that follow such a name to describe the credential instead of giving it ("wachtwoord: vergeten",
 * "mot de passe : oublié"). {@link Credentials} finds the names and decides on the value after each.
 *
 * <p>A name is written here in lower case with a space between its words. It matches in any case, and
 * its words joined by a space, "_", ".", "-" or nothing ("api key", "API_KEY", "apiKey", "Api-Key",
 * "mot-de-passe"). A name that starts (ends) with a Latin or Cyrillic letter must start (end) a word,
 * so "passwort" is no part of "passworts"; one that ends in a script written without spaces (Chinese,
 * Japanese, Korean, Thai) may be followed by its value at once ("密码123456", "비밀번호는"). When several
 * names match at one place, the longest wins ("clave secreta" over "clave", "pin kodu" over "pin").
 */
final class CredentialNames {

    /** What the value after a name must look like. */
    enum Rule {
        /** Anything quoted; unquoted, a token that is not a describing word. */
        PASSWORD,
        /** 4 to 12 digits. */
        PIN,
        /** One or more codes of 4-12 letters and digits with a digit ("4837 2956", "a1b2c-3d4e5"). */
        CODES,
        /** At least 8 characters of a key's alphabet, with letters and digits. */
        API_KEY
    }

    /** One language's names by rule, and the words after a name that say something about it instead. */
    record Language(String tag, List<String> passwords, List<String> pins, List<String> backupCodes,
                    List<String> apiSecrets, List<String> notAValue) {
    }

    static final List<Language> LANGUAGES = List.of(
            new Language("en",
                    List.of("password", "pass phrase", "pass code", "pass word", "passwd", "pwd", "pw", "pass", "secret"),
                    List.of("pin code", "pin"),
                    List.of("backup codes", "backup code", "recovery codes", "recovery code"),
                    List.of("api secret key", "api secret", "secret key", "client secret", "app secret", "api key",
                            "access key id", "access key secret", "access key", "access token", "auth token",
                            "refresh token", "api token", "session token", "bearer token"),
                    List.of("wrong", "incorrect", "not", "correct", "invalid", "expired", "too", "being", "still", "reset",
                            "changed", "locked", "required", "rejected", "the", "a", "an", "my", "your", "same", "weak",
                            "strong", "ok", "okay", "fine", "right", "definitely", "always", "blocked", "forgotten", "lost",
                            "missing", "no", "also", "now", "never", "and", "but", "or", "because", "so", "that", "this",
                            "it", "what", "which", "when", "for", "of", "in", "on", "at", "to", "with", "just", "probably",
                            "very", "only", "stored", "saved", "set", "updated", "accepted", "working", "empty", "case",
                            "sensitive", "case-sensitive", "different", "new", "old", "hidden", "unknown", "n/a", "how",
                            "why", "where", "who", "please", "here", "below", "above", "attached", "i", "me", "is", "was",
                            "are", "be", "forgot", "forget", "help", "again", "twice", "once", "field", "manager", "policy",
                            "rules", "length", "strength", "change", "recovery", "protected", "login", "sign", "null",
                            "none", "nil", "true", "false", "undefined", "mine", "yours", "ours", "there", "then", "than",
                            "like", "as", "if", "has", "had", "have", "does", "did", "do", "can", "cannot", "can't",
                            "could", "should", "would", "will", "won't", "isn't", "wasn't", "doesn't", "didn't", "all",
                            "any", "some", "every", "each", "our", "his", "her", "their", "its", "by", "from", "up", "out",
                            "off", "over", "into", "about", "link", "email", "e-mail")),
            new Language("zh",
                    List.of("密码", "密碼", "口令"),
                    List.of("pin码", "pin碼"),
                    List.of("备用码", "備用碼", "恢复码", "恢復碼"),
                    List.of("密钥", "密鑰", "秘钥", "秘鑰"),
                    List.of()),
            new Language("nl",
                    List.of("wachtwoord", "wachtzin", "toegangscode"),
                    List.of("pincode"),
                    List.of("back-upcodes", "back-upcode", "herstelcodes", "herstelcode"),
                    List.of("api sleutel", "geheime sleutel"),
                    List.of("vergeten", "fout", "onjuist", "ongeldig", "verlopen", "gewijzigd", "veranderd", "geblokkeerd",
                            "kwijt", "werkt", "niet", "nieuw", "nieuwe", "oud", "oude", "mijn", "ik", "het", "de", "een",
                            "wordt", "klopt", "resetten", "wijzigen", "opnieuw", "vergeet")),
            new Language("de",
                    List.of("passwort", "kennwort"),
                    List.of("geheimzahl", "pin nummer"),
                    List.of("wiederherstellungscodes", "wiederherstellungscode", "sicherungscodes", "sicherungscode"),
                    List.of("api schlüssel", "geheimer schlüssel", "geheimschlüssel"),
                    List.of("vergessen", "falsch", "ungültig", "abgelaufen", "geändert", "gesperrt", "funktioniert", "nicht",
                            "kein", "keine", "neu", "neues", "alt", "altes", "mein", "meine", "ich", "das", "der", "die",
                            "ein", "ist", "zurücksetzen", "ändern", "wird", "geht")),
            new Language("fr",
                    List.of("mot de passe", "phrase secrète", "phrase de passe"),
                    List.of("code secret"),
                    List.of("codes de secours", "code de secours", "codes de récupération", "code de récupération",
                            "codes de sauvegarde", "code de sauvegarde"),
                    List.of("clé api", "clé d'api", "clé secrète", "cle api", "cle secrete"),
                    List.of("oublié", "oublie", "incorrect", "invalide", "expiré", "changé", "bloqué", "perdu", "ne", "pas",
                            "nouveau", "ancien", "mon", "je", "le", "la", "les", "un", "une", "est", "réinitialiser",
                            "modifier", "fonctionne", "marche")),
            new Language("es",
                    List.of("contraseña", "contrasena", "frase de contraseña", "clave"),
                    List.of(),
                    List.of("códigos de respaldo", "código de respaldo", "códigos de recuperación", "código de recuperación",
                            "codigos de respaldo", "codigo de respaldo"),
                    List.of("clave api", "clave de api", "clave secreta"),
                    List.of("olvidé", "olvide", "olvidado", "olvidada", "incorrecta", "incorrecto", "inválida", "invalida",
                            "caducada", "expirada", "cambiada", "bloqueada", "perdida", "nueva", "antigua", "mi", "yo",
                            "el", "la", "una", "es", "restablecer", "cambiar", "funciona")),
            new Language("it",
                    List.of("parola d'ordine"),
                    List.of(),
                    List.of("codici di backup", "codice di backup", "codici di recupero", "codice di recupero"),
                    List.of("chiave api", "chiave segreta"),
                    List.of("dimenticata", "dimenticato", "errata", "sbagliata", "non", "scaduta", "cambiata", "bloccata",
                            "persa", "nuova", "vecchia", "mia", "io", "il", "è", "reimpostare", "cambiare", "funziona")),
            new Language("pt",
                    List.of("senha", "palavra passe"),
                    List.of(),
                    List.of("códigos de backup", "código de backup", "códigos de recuperação", "código de recuperação",
                            "codigos de backup", "codigo de backup"),
                    List.of("chave api", "chave de api", "chave secreta"),
                    List.of("esqueci", "esquecida", "errada", "incorreta", "inválida", "expirada", "alterada", "bloqueada",
                            "perdida", "não", "nao", "nova", "antiga", "minha", "eu", "o", "é", "redefinir", "alterar")),
            new Language("ru",
                    List.of("пароль", "кодовая фраза", "парольная фраза"),
                    List.of("пин код", "pin код", "пин"),
                    List.of("резервные коды", "резервный код", "коды восстановления", "код восстановления"),
                    List.of("api ключ", "ключ api", "секретный ключ"),
                    // values without a Latin letter or digit are prose in any case (Credentials)
                    List.of()),
            new Language("ja",
                    List.of("パスワード", "パスフレーズ"),
                    List.of("暗証番号", "pinコード"),
                    List.of("バックアップコード", "リカバリーコード", "リカバリコード"),
                    List.of("apiキー", "シークレットキー", "apiシークレット"),
                    List.of()),
            new Language("ko",
                    List.of("비밀번호", "패스워드", "암호"),
                    List.of("핀번호", "pin 번호"),
                    List.of("백업 코드", "복구 코드"),
                    List.of("api 키", "시크릿 키", "비밀 키", "api 시크릿"),
                    List.of()),
            new Language("vi",
                    List.of("mật khẩu", "mat khau"),
                    List.of(),
                    List.of("mã dự phòng", "mã khôi phục", "ma du phong", "ma khoi phuc"),
                    List.of("khóa api", "khoá api", "khóa bí mật", "khoá bí mật", "khoa api", "khoa bi mat"),
                    List.of("quên", "quen", "sai", "không", "khong", "mới", "moi", "cũ", "của", "cua", "tôi", "toi", "bị",
                            "bi", "đã", "da")),
            new Language("tr",
                    List.of("şifre", "şifrem", "şifreniz", "sifre", "sifrem", "parolam"),
                    List.of("pin kodu", "pin kodum"),
                    List.of("yedek kodlar", "yedek kodları", "yedek kodu", "yedek kod", "kurtarma kodları", "kurtarma kodu"),
                    List.of("api anahtarı", "api anahtari", "gizli anahtar", "gizli anahtarı", "gizli anahtari"),
                    List.of("unuttum", "yanlış", "yanlis", "hatalı", "hatali", "geçersiz", "gecersiz", "değişti", "degisti",
                            "kilitlendi", "yeni", "eski", "benim", "ben", "değil", "degil", "çalışmıyor", "calismiyor",
                            "sıfırla", "sifirla")),
            new Language("id/ms",
                    List.of("kata sandi", "kata laluan", "sandi"),
                    List.of(),
                    List.of("kode cadangan", "kode pemulihan", "kod sandaran", "kod pemulihan"),
                    List.of("kunci api", "kunci rahasia", "kunci rahsia"),
                    List.of("lupa", "salah", "tidak", "tak", "baru", "lama", "saya", "aku", "sudah", "diblokir",
                            "kedaluwarsa", "tamat", "ubah", "tukar", "berfungsi")),
            new Language("th",
                    List.of("รหัสผ่าน"),
                    List.of(),
                    List.of("รหัสสำรอง", "รหัสกู้คืน"),
                    List.of("คีย์ api", "คีย์ลับ", "ซีเคร็ตคีย์"),
                    List.of()));

    /** Between the words of a name. */
    private static final String SEP = "[ _.\\-]?";
    /** What a name that starts or ends with a letter must not touch: a digit, a Latin or a Cyrillic letter. */
    private static final String WORD_CHAR = "[0-9A-Za-z\\u00C0-\\u024F\\u1E00-\\u1EFF\\u0400-\\u04FF]";

    private static final Map<String, Rule> RULES = new HashMap<>();
    private static final Set<String> NOT_A_VALUE = new HashSet<>();

    static {
        for (Language language : LANGUAGES) {
            language.passwords().forEach(name -> put(name, Rule.PASSWORD));
            language.pins().forEach(name -> put(name, Rule.PIN));
            language.backupCodes().forEach(name -> put(name, Rule.CODES));
            language.apiSecrets().forEach(name -> put(name, Rule.API_KEY));
            NOT_A_VALUE.addAll(language.notAValue());
        }
    }

    /**
     * Every name, longest first; a name that ends a word may carry up to two suffixes of an identifier
     * ("password_prod", "api_key.v2").
     */
    static final Pattern NAME = Pattern.compile(firstCharacters()
                    // a word starts here, or a camelCase part of an identifier ("loginPassword"); checked once
                    + "(?:(?:(?<!" + WORD_CHAR + ")|(?-i:(?<=[a-z0-9])(?=[A-Z])))(?:" + String.join("|", alternatives(true)) + ")"
                    + "|" + String.join("|", alternatives(false)) + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private CredentialNames() {
    }

    /** The rule of the name a {@link #NAME} match found, with or without the suffixes of an identifier. */
    static Rule rule(String found) {
        String name = found;
        for (int suffixes = 0; suffixes <= 2; suffixes++) {
            Rule rule = RULES.get(key(name));
            int cut = Math.max(name.lastIndexOf('_'), Math.max(name.lastIndexOf('.'), name.lastIndexOf('-')));
            if (rule != null || cut <= 0) {
                return rule;
            }
            name = name.substring(0, cut);
        }
        return null;
    }

    /** Whether a value found after a name would say something about it instead ("wrong", "vergeten"). */
    static boolean describes(String value) {
        return NOT_A_VALUE.contains(value.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the value may follow the name without a blank and is never tied by a word such as "is":
     * the name ends in a script written without spaces between words.
     */
    static boolean endsSpaceless(String name) {
        return !isWordLetter(name.charAt(name.length() - 1)) && !Character.isDigit(name.charAt(name.length() - 1));
    }

    private static void put(String name, Rule rule) {
        Rule before = RULES.put(key(name), rule);
        if (before != null && before != rule) {
            throw new IllegalStateException("the credential name '" + name + "' has two rules");
        }
    }

    /**
     * Without what may join the words, each character folded as the pattern's case-insensitive match
     * folds it ("KODLARI" is "kodları", "İ" is "i").
     */
    private static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (" _.-".indexOf(c) < 0) {
                key.append(Character.toLowerCase(Character.toUpperCase(c)));
            }
        }
        return key.toString();
    }

    /** The names that start (or do not start) with a word letter, longest first, as regular expressions. */
    private static List<String> alternatives(boolean startingWithALetter) {
        List<String> names = new ArrayList<>();
        LANGUAGES.forEach(l -> {
            names.addAll(l.passwords());
            names.addAll(l.pins());
            names.addAll(l.backupCodes());
            names.addAll(l.apiSecrets());
        });
        names.removeIf(name -> isWordLetter(name.charAt(0)) != startingWithALetter);
        names.sort(Comparator.comparingInt(String::length).reversed());
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            List<String> words = new ArrayList<>();
            for (String word : name.split(" ")) {
                words.add(Pattern.quote(word));
            }
            StringBuilder regex = new StringBuilder(String.join(SEP, words));
            if (isWordLetter(name.charAt(name.length() - 1))) {
                regex.append("(?:[_.\\-][A-Za-z0-9]{1,12}){0,2}(?!").append(WORD_CHAR).append(')');
            }
            out.add(regex.toString());
        }
        return out;
    }

    /** A look-ahead for the first characters of all names, so most positions are passed over at once. */
    private static String firstCharacters() {
        Set<Integer> firsts = new TreeSet<>();
        RULES.keySet().forEach(key -> {
            firsts.add(Character.toLowerCase(key.codePointAt(0)));
            firsts.add(Character.toUpperCase(key.codePointAt(0)));
        });
        StringBuilder set = new StringBuilder("(?=[");
        firsts.forEach(c -> set.append("\\x{").append(Integer.toHexString(c)).append('}'));
        return set.append("])").toString();
    }

    private static boolean isWordLetter(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return Character.isLetter(c) && (script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.CYRILLIC);
    }
}
