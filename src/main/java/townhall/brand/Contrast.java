package townhall.brand;

import java.util.Locale;
import java.util.regex.Pattern;

/** WCAG 2.1 colour contrast: relative luminance and contrast ratio of sRGB colours written as #rgb or #rrggbb. */
public final class Contrast {
    /** What WCAG AA asks of normal-size text. */
    public static final double AA_TEXT = 4.5;

    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    private Contrast() {}

    public static boolean isHexColour(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /** {@code #ABC} and {@code #aabbcc} as {@code #aabbcc}. */
    public static String normalize(String hex) {
        if (!isHexColour(hex)) {
            throw new IllegalArgumentException("Not a #rgb or #rrggbb colour: " + hex);
        }
        String digits = hex.substring(1).toLowerCase(Locale.ROOT);
        if (digits.length() == 3) {
            digits = "" + digits.charAt(0) + digits.charAt(0) + digits.charAt(1) + digits.charAt(1)
                    + digits.charAt(2) + digits.charAt(2);
        }
        return "#" + digits;
    }

    /** Relative luminance, 0 for black to 1 for white. */
    public static double luminance(String hex) {
        String colour = normalize(hex);
        double r = channel(Integer.parseInt(colour.substring(1, 3), 16));
        double g = channel(Integer.parseInt(colour.substring(3, 5), 16));
        double b = channel(Integer.parseInt(colour.substring(5, 7), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** The contrast ratio of two colours, from 1 (none) to 21 (black on white); the order does not matter. */
    public static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** A ratio as people read it: rounded down to two decimals, so 4.499 never shows as a passing 4.5. */
    public static String format(double ratio) {
        return String.format(Locale.ROOT, "%.2f:1", Math.floor(ratio * 100) / 100);
    }
}
