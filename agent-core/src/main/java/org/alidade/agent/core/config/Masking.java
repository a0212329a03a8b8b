package org.alidade.agent.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Hides credentials in what the agent prints and logs: the password of {@code scheme://user:password@host}
 * URLs and the values of secret-looking query parameters ({@code ?auth_key=…}). Upstream's
 * agent logged SNMP URLs with their credentials; Alidade never prints them.
 */
public final class Masking {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^@/\\s]*@");
    /** In {@code snmp://community@host} the user part may be a v2c community: a secret. */
    private static final Pattern SNMP_USER = Pattern.compile("(?i)(snmp://)[^/@:\\s]+@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pass|pwd|secret|token|community|auth_?key|priv_?key|auth_?pass(?:word)?|"
                    + "priv_?pass(?:word)?|key)=)[^&;#\\s]*");

    private Masking() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String s = USER_INFO.matcher(text).replaceAll("$1***@");
        s = SNMP_USER.matcher(s).replaceAll("$1***@");
        return SECRET_PARAM.matcher(s).replaceAll("$1***");
    }

    public static List<String> mask(List<String> texts) {
        return texts.stream().map(Masking::mask).toList();
    }
}
