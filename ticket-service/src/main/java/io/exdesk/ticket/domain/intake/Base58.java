package io.exdesk.ticket.domain.intake;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Bitcoin Base58 and Base58Check decoding, only as much as recognising keys needs. */
final class Base58 {

    static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEX = new int[128];
    private static final BigInteger RADIX = BigInteger.valueOf(58);

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    static boolean isBase58(char c) {
        return c < 128 && INDEX[c] >= 0;
    }

    /** The decoded bytes, or {@code null} if {@code s} has a character outside the alphabet. */
    static byte[] decode(CharSequence s) {
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isBase58(c)) {
                return null;
            }
            if (leading && c == '1') {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(RADIX).add(BigInteger.valueOf(INDEX[c]));
        }
        byte[] magnitude = value.toByteArray();
        int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0; // sign byte
        if (value.signum() == 0) {
            skip = magnitude.length;
        }
        byte[] out = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, leadingZeros, magnitude.length - skip);
        return out;
    }

    /**
     * The payload of a Base58Check string (without its 4-byte checksum), or {@code null} if the
     * string is not Base58 or its checksum (first 4 bytes of SHA-256(SHA-256(payload))) is wrong.
     */
    static byte[] decodeChecked(CharSequence s) {
        byte[] raw = decode(s);
        if (raw == null || raw.length < 5) {
            return null;
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - 4);
        byte[] hash = doubleSha256(payload);
        for (int i = 0; i < 4; i++) {
            if (hash[i] != raw[payload.length + i]) {
                return null;
            }
        }
        return payload;
    }

    static byte[] doubleSha256(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
