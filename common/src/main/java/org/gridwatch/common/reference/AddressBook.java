package org.gridwatch.common.reference;

import org.gridwatch.common.city.Address;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an address table entry (门牌地址库) for the address text of a complaint, in three steps, the
 * first that finds exactly one entry winning:
 *
 * <ol>
 *   <li>{@link Level#EXACT}: the text equals an entry's text (surrounding whitespace aside);
 *   <li>{@link Level#NORMALISED}: the {@link #normalise normalised} texts are equal;
 *   <li>{@link Level#WITHOUT_PREFIX}: the normalised texts are equal once leading administrative
 *       names are dropped from either or both ({@link #prefixChain}), so 上海市闵行区莘松路123弄4号 finds
 *       莘松路123弄4号 in a table that leaves the city and district out, and the other way round.
 * </ol>
 *
 * A step at which two entries with different places match is {@link Level#AMBIGUOUS}, and the
 * search stops there: guessing between two doors would put a case in the wrong grid without anyone
 * noticing. (Entries whose coordinates and grid are the same are one place, not two.) Built once
 * per reference version; lookups are map reads.
 */
public final class AddressBook {
    public enum Level {
        EXACT,
        NORMALISED,
        WITHOUT_PREFIX,
        AMBIGUOUS,
        NOT_FOUND
    }

    /**
     * The outcome of a lookup: the entry (null unless EXACT, NORMALISED or WITHOUT_PREFIX) and how
     * it was found.
     */
    public record Match(Address address, Level level) {
        public boolean found() {
            return address != null;
        }
    }

    /** Marks a key shared by entries at different places. */
    private static final Address AMBIGUOUS = new Address("", "", Double.NaN, Double.NaN, null);

    /**
     * A dash between two digits says building-unit or lane-number (1-101室) and is kept; other
     * punctuation is not.
     */
    private static final Pattern DASH_BETWEEN_DIGITS =
            Pattern.compile("(?<=\\d)[-‐‑‒–—―﹣－](?=\\d)");

    private static final Pattern COUNTRY = Pattern.compile("^中国");
    private static final Pattern PROVINCE = Pattern.compile("^\\p{IsHan}{2,6}?(省|自治区)");
    private static final Pattern CITY = Pattern.compile("^\\p{IsHan}{2,4}?市");
    private static final Pattern DISTRICT = Pattern.compile("^\\p{IsHan}{1,4}?(新区|区|县)");

    private final Map<String, Address> exact = new HashMap<>();
    private final Map<String, Address> normalised = new HashMap<>();

    /**
     * Every form of every entry along its {@link #prefixChain}, the full normalised form included.
     */
    private final Map<String, Address> chains = new HashMap<>();

    public AddressBook(Collection<Address> entries) {
        for (Address a : entries) {
            add(exact, a.text().strip(), a);
            String n = normalise(a.text());
            add(normalised, n, a);
            for (String form : prefixChain(n)) {
                add(chains, form, a);
            }
        }
    }

    private static void add(Map<String, Address> map, String key, Address a) {
        if (key.isEmpty()) {
            return;
        }
        map.merge(key, a, (old, now) -> samePlace(old, now) ? old : AMBIGUOUS);
    }

    private static boolean samePlace(Address a, Address b) {
        return a != AMBIGUOUS
                && a.lat() == b.lat()
                && a.lon() == b.lon()
                && java.util.Objects.equals(a.gridCode(), b.gridCode());
    }

    public Match find(String text) {
        if (text == null || text.isBlank()) {
            return new Match(null, Level.NOT_FOUND);
        }
        String n = normalise(text);
        Match m = step(exact.get(text.strip()), Level.EXACT);
        if (m == null) {
            m = step(normalised.get(n), Level.NORMALISED);
        }
        // Longest first: the more of the complaint's text still compared, the surer the match.
        for (String form : prefixChain(n)) {
            if (m != null) {
                break;
            }
            m = step(chains.get(form), Level.WITHOUT_PREFIX);
        }
        return m != null ? m : new Match(null, Level.NOT_FOUND);
    }

    private static Match step(Address a, Level level) {
        if (a == null) {
            return null;
        }
        return a == AMBIGUOUS ? new Match(null, Level.AMBIGUOUS) : new Match(a, level);
    }

    /**
     * The form two writings of one address share: NFKC (full-width digits, letters and spaces
     * become half-width: １２３号 → 123号, Ａ座 → A座), Latin letters in upper case, and every whitespace,
     * punctuation and symbol character removed (spaces, ，。、·（）()#,- and the like), except a dash
     * between two digits, which becomes '-' (1－101室 → 1-101室, so it does not read as 1101室).
     * Chinese characters, digits and letters stay, so 号, 弄, 室, 栋, 幢, 单元 and 楼 keep their meaning.
     * Chinese numerals are not turned into digits (一号 and 1号 differ).
     */
    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        s = DASH_BETWEEN_DIGITS.matcher(s).replaceAll("\u0000");
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints()
                .forEach(
                        c -> {
                            if (c == 0) {
                                out.append('-');
                            } else if (Character.isLetterOrDigit(c)) {
                                out.appendCodePoint(c);
                            }
                        });
        return out.toString();
    }

    /**
     * The forms of a normalised address with more and more of its leading administrative names
     * dropped, longest first (the address itself first): 中国, then a province or autonomous region
     * (…省, …自治区), a city (…市: 上海市), a district or county (…区, …新区, …县: 闵行区, 浦东新区), each at most
     * once and in this order. The rest (town, road, lane, number) always stays: it is what tells
     * two doors apart. A complaint matches an entry when any form of the one equals any form of the
     * other, so a table with the prefixes and a complaint without them meet as well as the other
     * way round; and a name merely looking like a prefix (莘庄市场路… read as 莘庄市 + 场路…) costs nothing,
     * since the unshortened form is compared too. Two entries at different places sharing a form
     * make that form AMBIGUOUS, never a wrong match.
     */
    public static List<String> prefixChain(String normalised) {
        List<String> forms = new ArrayList<>(5);
        String s = normalised;
        forms.add(s);
        for (Pattern p : new Pattern[] {COUNTRY, PROVINCE, CITY, DISTRICT}) {
            Matcher m = p.matcher(s);
            if (m.find() && m.end() < s.length()) {
                s = s.substring(m.end());
                forms.add(s);
            }
        }
        return forms;
    }
}
