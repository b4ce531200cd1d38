package townhall.brand;

import java.util.List;
import townhall.theme.Theme;
import townhall.web.InvalidInput;

/**
 * A brand colour is refused when text on it, or it as text on the page, would fail WCAG AA (4.5:1): buttons
 * carry {@code textOnIt} on the colour, and links and marks use the colour on the page background.
 */
final class BrandColours {
    private BrandColours() {}

    /** Sets the typed colour, normalized, when it passes; removes it when empty; else reports why not. */
    static void check(InvalidInput.Collector errors, SettingChanges changes, String field, String key, String value,
                      String name, String textOnIt, Theme theme) {
        String typed = value.strip();
        if (typed.isEmpty()) {
            changes.remove(key);
            return;
        }
        if (!Contrast.isHexColour(typed)) {
            errors.add(field, "brand.error.colour.format", "colour", name);
            return;
        }
        String colour = Contrast.normalize(typed);
        if (Contrast.isHexColour(textOnIt)) {
            double onIt = Contrast.ratio(colour, textOnIt);
            if (onIt < Contrast.AA_TEXT) {
                boolean lightText = Contrast.luminance(textOnIt) > 0.5;
                errors.add(field, "brand.error.colour.onIt", "colour", name, "value", colour, "text", describe(textOnIt),
                        "textColour", Contrast.normalize(textOnIt), "ratio", Contrast.format(onIt),
                        "shade", lightText ? "darker" : "lighter");
                return;
            }
        }
        String worstBackground = null;
        double worst = Double.MAX_VALUE;
        for (String token : List.of("color.bg", "color.surface")) {
            String background = theme.property(token, "");
            if (Contrast.isHexColour(background) && Contrast.ratio(colour, background) < worst) {
                worst = Contrast.ratio(colour, background);
                worstBackground = background;
            }
        }
        if (worstBackground != null && worst < Contrast.AA_TEXT) {
            boolean lightBackground = Contrast.luminance(worstBackground) > 0.5;
            errors.add(field, "brand.error.colour.asText", "colour", name, "value", colour,
                    "background", Contrast.normalize(worstBackground), "ratio", Contrast.format(worst),
                    "shade", lightBackground ? "darker" : "lighter");
            return;
        }
        changes.set(key, colour);
    }

    /** Which text colour a refusal names: "white", "black" or "other" (then given as its hex value). */
    private static String describe(String textColour) {
        return switch (Contrast.normalize(textColour)) {
            case "#ffffff" -> "white";
            case "#000000" -> "black";
            default -> "other";
        };
    }
}
