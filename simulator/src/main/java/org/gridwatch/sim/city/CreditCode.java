package org.gridwatch.sim.city;

import java.util.SplittableRandom;

/**
 * Business identifiers of the simulated shops: the 18-character unified social credit code
 * (统一社会信用代码, GB 32100-2015) and the 15-digit registration number of a business licence issued
 * before 2015 (营业执照注册号, check digit per GB/T 17710 ISO 7064 MOD 11,10). Both carry correct check
 * digits, so a validator in the console or an import sees real-looking data.
 */
public final class CreditCode {
    /** The 31 characters GB 32100 allows (no I, O, Z, S, V). */
    static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] WEIGHTS = {
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
    };
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CreditCode() {}

    /**
     * A credit code of an individual business (登记管理部门 9 工商, 机构类别 2 个体工商户) registered in {@code
     * division} (6 digits), with a random organisation code.
     */
    static String unified(String division, SplittableRandom r) {
        StringBuilder org = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            org.append((char) ('0' + r.nextInt(10)));
        }
        org.append(orgCheck(org));
        String body = "92" + division + org;
        return body + CHARS.charAt(check(body));
    }

    /** The GB 32100 check value (index into {@link #CHARS}) of the first 17 characters. */
    public static int check(CharSequence first17) {
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            int v = CHARS.indexOf(first17.charAt(k));
            if (v < 0) {
                throw new IllegalArgumentException("not a GB 32100 character: " + first17);
            }
            sum += v * WEIGHTS[k];
        }
        return (31 - sum % 31) % 31;
    }

    /** Whether an 18-character code carries its correct check character. */
    public static boolean validUnified(String code) {
        return code != null
                && code.length() == 18
                && code.chars().allMatch(c -> CHARS.indexOf(c) >= 0)
                && CHARS.charAt(check(code)) == code.charAt(17)
                && code.charAt(16) == orgCheck(code.substring(8, 16));
    }

    /** GB 11714 organisation code check character of 8 digits. */
    static char orgCheck(CharSequence body8) {
        int sum = 0;
        for (int k = 0; k < 8; k++) {
            sum += Character.digit(body8.charAt(k), 36) * ORG_WEIGHTS[k];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    /** A pre-2015 registration number: division, 8 digits of sequence, MOD 11,10 check digit. */
    static String legacy(String division, SplittableRandom r) {
        StringBuilder b = new StringBuilder(division);
        for (int k = 0; k < 8; k++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString() + mod1110(b);
    }

    /** Whether a 15-digit number carries its correct MOD 11,10 check digit. */
    public static boolean validLegacy(String number) {
        return number != null
                && number.matches("\\d{15}")
                && mod1110(number.substring(0, 14)) == number.charAt(14) - '0';
    }

    private static int mod1110(CharSequence digits) {
        int p = 10;
        for (int k = 0; k < digits.length(); k++) {
            int s = (p + (digits.charAt(k) - '0')) % 10;
            p = (s == 0 ? 10 : s) * 2 % 11;
        }
        return (11 - p) % 10;
    }
}
