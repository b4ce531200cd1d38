package townhall.brand;

import static townhall.brand.BrandService.FOOTER_LABEL_MAX;
import static townhall.brand.BrandService.FOOTER_LINKS_MAX;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import townhall.web.InvalidInput;

/** The footer links as an administrator writes them, one a line as {@code Label | address}. */
final class FooterLinks {
    private static final Pattern SITE_PATH = Pattern.compile("/(?!/)[^\\s<>\"\\\\]*");

    private FooterLinks() {}

    /**
     * The links of the text. With {@code errors} it reports the first bad line; without, it skips bad lines
     * (settings read back from the database).
     */
    static List<Brand.FooterLink> parse(String text, InvalidInput.Collector errors) {
        List<Brand.FooterLink> links = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String problem = null;
            int bar = line.lastIndexOf('|');
            String label = bar < 0 ? "" : line.substring(0, bar).strip();
            String url = bar < 0 ? "" : line.substring(bar + 1).strip();
            if (bar < 0 || label.isEmpty() || url.isEmpty()) {
                problem = "format";
            } else if (label.length() > FOOTER_LABEL_MAX) {
                problem = "labelLength";
            } else if (BrandFormValidator.CONTROL.matcher(label).find()) {
                problem = "labelText";
            } else if (!isLinkAddress(url)) {
                problem = "address";
            }
            if (problem == null && links.size() == FOOTER_LINKS_MAX) {
                problem = "count";
            }
            if (problem != null) {
                if (errors != null) {
                    errors.add("footerLinks", "brand.error.footer", "line", i + 1, "problem", problem,
                            "labelMax", FOOTER_LABEL_MAX, "max", FOOTER_LINKS_MAX);
                    return links;
                }
                continue;
            }
            links.add(new Brand.FooterLink(label, url));
        }
        return links;
    }

    /** The links written back as text, one a line, as they are stored. */
    static String text(List<Brand.FooterLink> links) {
        StringBuilder normalized = new StringBuilder();
        links.forEach(link -> normalized.append(link.label()).append(" | ").append(link.url()).append('\n'));
        return normalized.toString().strip();
    }

    private static boolean isLinkAddress(String url) {
        if (url.length() > 300) {
            return false;
        }
        if (SITE_PATH.matcher(url).matches()) {
            return true;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
