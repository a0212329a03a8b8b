package org.alidade.pollster.hardware.snmp;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * SNMPv3 USM credentials. {@link #toString()} shows the user and protocols, never a key.
 *
 * @param user         the USM user (security name)
 * @param authProtocol {@code md5}, {@code sha}, {@code sha224}, {@code sha256}, {@code sha384}, {@code sha512}
 * @param authPassword the authentication passphrase
 * @param privProtocol {@code des}, {@code 3des}, {@code aes128}, {@code aes192}, {@code aes256}, or {@code null} (authNoPriv)
 * @param privPassword the privacy passphrase, or {@code null}
 */
public record UsmCredentials(String user, String authProtocol, String authPassword, String privProtocol,
        String privPassword) {

    /** Accepted spellings → canonical names. */
    private static final Map<String, String> AUTH = Map.of("md5", "md5", "sha", "sha", "sha1", "sha", "sha224",
            "sha224", "sha256", "sha256", "sha384", "sha384", "sha512", "sha512");
    private static final Map<String, String> PRIV = Map.of("des", "des", "3des", "3des", "aes", "aes128", "aes128",
            "aes128", "aes192", "aes192", "aes256", "aes256");

    public UsmCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authProtocol, "auth protocol");
        Objects.requireNonNull(authPassword, "auth password");
        if (authPassword.length() < 8) {
            throw new IllegalArgumentException("SNMPv3 auth password of user " + user
                    + " is shorter than 8 characters (RFC 3414)");
        }
        if (privProtocol != null && (privPassword == null || privPassword.length() < 8)) {
            throw new IllegalArgumentException("SNMPv3 privacy password of user " + user
                    + " is missing or shorter than 8 characters (RFC 3414)");
        }
    }

    /** Validates and canonicalises the protocol names. */
    public static UsmCredentials of(String user, String authProtocol, String authPassword, String privProtocol,
            String privPassword) {
        String auth = AUTH.get(authProtocol.toLowerCase(Locale.ROOT));
        if (auth == null) {
            throw new IllegalArgumentException("unknown auth_proto '" + authProtocol
                    + "' (md5, sha, sha224, sha256, sha384, sha512)");
        }
        String priv = null;
        if (privProtocol != null) {
            priv = PRIV.get(privProtocol.toLowerCase(Locale.ROOT));
            if (priv == null) {
                throw new IllegalArgumentException("unknown priv_proto '" + privProtocol
                        + "' (des, 3des, aes, aes128, aes192, aes256)");
            }
        }
        return new UsmCredentials(user, auth, authPassword, priv, privPassword);
    }

    @Override
    public String toString() {
        return "user " + user + " auth " + authProtocol + (privProtocol == null ? " no priv" : " priv " + privProtocol);
    }
}
