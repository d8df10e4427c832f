package dev.rehearse.provision;

import java.util.regex.Pattern;

/** What the tool prints or writes never carries a credential: a URL's password is masked wherever it appears. */
public final class Secrets {

    /** {@code password=...} (and pgjdbc's {@code sslpassword=...}) in a URL's query, and {@code user:password@}. */
    private static final Pattern QUERY = Pattern.compile("(?i)((?:ssl)?password=)[^&;\\s]*");
    private static final Pattern USERINFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");

    private Secrets() {}

    public static String mask(String text) {
        if (text == null) return null;
        return USERINFO.matcher(QUERY.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }

    /** Masks {@code password} itself too, wherever a message repeats it (a driver's error echoing the URL). */
    public static String mask(String text, String password) {
        String out = mask(text);
        return out == null || password == null || password.isEmpty() ? out : out.replace(password, "***");
    }
}
