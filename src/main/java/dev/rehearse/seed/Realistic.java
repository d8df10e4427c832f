package dev.rehearse.seed;

import net.datafaker.Faker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Realistic strings (names, emails, cities...) for columns whose name suggests them. Datafaker fills a
 * pool once per kind and seed; rows sample the pool by hash. A Faker call per row would cost
 * microseconds each, minutes at hundreds of millions of rows.
 */
public final class Realistic {

    /** The kinds, also the generator names a profile may use. */
    public static final List<String> KINDS = List.of("email", "name", "first_name", "last_name", "username", "url",
            "company", "city", "country", "street", "phone", "word");

    private static final int POOL = 4_096;
    private static final Map<String, String[]> POOLS = new ConcurrentHashMap<>();

    private Realistic() {}

    /** The kind a column name suggests, or null: {@code email}, {@code customer_email}, {@code first_name}... */
    public static String kindFor(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        if (c.equals("email") || c.endsWith("_email") || c.equals("email_address") || c.endsWith("_email_address")) return "email";
        if (c.equals("first_name") || c.equals("firstname") || c.equals("given_name")) return "first_name";
        if (c.equals("last_name") || c.equals("lastname") || c.equals("surname") || c.equals("family_name")) return "last_name";
        if (c.equals("username") || c.equals("user_name") || c.equals("login") || c.equals("handle")) return "username";
        if (c.equals("url") || c.endsWith("_url") || c.equals("website") || c.equals("homepage")) return "url";
        if (c.equals("company") || c.equals("company_name") || c.equals("organization") || c.equals("organisation")) return "company";
        if (c.equals("city") || c.endsWith("_city")) return "city";
        if (c.equals("country_name")) return "country";
        if (c.equals("street") || c.equals("address") || c.equals("street_address") || c.endsWith("_address") && !c.contains("ip")
                && !c.contains("mac")) return "street";
        if (c.equals("phone") || c.endsWith("_phone") || c.equals("phone_number") || c.equals("mobile")) return "phone";
        if (c.equals("name") || c.equals("full_name") || c.equals("display_name") || c.equals("contact_name")
                || c.equals("customer_name")) return "name";
        return null;
    }

    /**
     * A generator of {@code kind} strings of at most {@code cap} characters; {@code unique} appends the
     * row number (inside the local part for emails), which is what makes them distinct.
     *
     * @return null when the strings cannot fit {@code cap}
     */
    public static ColumnGenerator generator(String kind, int cap, boolean unique, long rows, long seed, long salt) {
        String[] pool = pool(kind, seed);
        int digits = Long.toString(Math.max(rows, 1)).length();
        if (cap < (unique ? digits + 8 : 3)) return null;
        if (kind.equals("email")) {
            String[] domains = pool("domain", seed);
            return row -> {
                long h = Rng.hash(seed, salt, row);
                String local = pool[(int) Rng.below(h, pool.length)];
                String domain = domains[(int) Rng.below(Rng.next(h, 0), domains.length)];
                String suffix = unique ? "." + row : "";
                int room = cap - suffix.length() - 1 - domain.length();
                if (room < 1) {
                    domain = "example.com";
                    room = Math.max(1, cap - suffix.length() - 12);
                }
                if (local.length() > room) local = local.substring(0, room);
                return local + suffix + "@" + domain;
            };
        }
        return row -> {
            long h = Rng.hash(seed, salt, row);
            String v = pool[(int) Rng.below(h, pool.length)];
            if (!unique) return v.length() > cap ? v.substring(0, cap) : v;
            String suffix = " " + row;
            if (v.length() + suffix.length() > cap) v = v.substring(0, cap - suffix.length());
            return v + suffix;
        };
    }

    static String[] pool(String kind, long seed) {
        return POOLS.computeIfAbsent(kind + "/" + seed, k -> fill(kind, seed));
    }

    private static String[] fill(String kind, long seed) {
        // Datafaker draws from the Random it is given: the same seed gives the same pool.
        Faker f = new Faker(Locale.ENGLISH, new Random(seed ^ Rng.salt(kind)));
        List<String> out = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            out.add(switch (kind) {
                case "email" -> (f.name().firstName() + "." + f.name().lastName()).toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9.]", "");
                case "domain" -> f.internet().domainName();
                case "name" -> f.name().firstName() + " " + f.name().lastName();
                case "first_name" -> f.name().firstName();
                case "last_name" -> f.name().lastName();
                case "username" -> f.internet().username();
                case "url" -> "https://" + f.internet().domainName() + "/" + f.lorem().word();
                case "company" -> f.company().name();
                case "city" -> f.address().city();
                case "country" -> f.address().country();
                case "street" -> f.address().streetAddress();
                // libphonenumber is left out of the jar; a NANP-shaped number needs no metadata.
                case "phone" -> String.format("+1 %03d-%03d-%04d", 200 + f.random().nextInt(800), 200 + f.random().nextInt(800),
                        f.random().nextInt(10_000));
                case "word" -> f.lorem().word();
                default -> throw new IllegalArgumentException(kind);
            });
        }
        return out.toArray(String[]::new);
    }
}
