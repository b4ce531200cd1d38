package townhall.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.owasp.html.HtmlStreamEventReceiver;

/**
 * What readers see of images in posts, decided in one place: an image uploaded here ({@code /uploads/<sha256>.<ext>},
 * under the site's path prefix if any) is shown; an image from anywhere else becomes a link to it, its alt text (or
 * address) as the link's words. The Content-Security-Policy allows images from this site only, so an outside image
 * would show as a broken icon; a link also keeps readers' browsers from calling other hosts (tracking pixels)
 * until they choose to.
 */
final class ImagesAsLinks implements HtmlStreamEventReceiver {
    static final Pattern LOCAL_IMAGE = Pattern.compile("(/[A-Za-z0-9._~-]+)*/uploads/[0-9a-f]{64}\\.(png|jpg)");

    private final HtmlStreamEventReceiver out;
    private final List<String> rels;

    /** {@code rels}: the {@code rel} values the link gets ({@code nofollow ugc} for members' posts, else none). */
    ImagesAsLinks(HtmlStreamEventReceiver out, List<String> rels) {
        this.out = out;
        this.rels = rels;
    }

    @Override
    public void openTag(String elementName, List<String> attrs) {
        if (!elementName.equals("img")) {
            out.openTag(elementName, attrs);
            return;
        }
        String src = value(attrs, "src");
        if (src != null && LOCAL_IMAGE.matcher(src).matches()) {
            List<String> shown = new ArrayList<>(attrs);
            shown.addAll(List.of("loading", "lazy"));
            out.openTag("img", shown);
            return;
        }
        if (src == null) {
            return;
        }
        List<String> link = new ArrayList<>(List.of("href", src, "class", "external-image"));
        if (!rels.isEmpty()) {
            link.addAll(List.of("rel", String.join(" ", rels)));
        }
        String alt = value(attrs, "alt");
        out.openTag("a", link);
        out.text(alt == null || alt.isBlank() ? src : alt);
        out.closeTag("a");
    }

    @Override
    public void closeTag(String elementName) {
        if (!elementName.equals("img")) {
            out.closeTag(elementName);
        }
    }

    @Override
    public void text(String text) {
        out.text(text);
    }

    @Override
    public void openDocument() {
        out.openDocument();
    }

    @Override
    public void closeDocument() {
        out.closeDocument();
    }

    private static String value(List<String> attrs, String name) {
        for (int i = 0; i + 1 < attrs.size(); i += 2) {
            if (attrs.get(i).equals(name)) {
                return attrs.get(i + 1);
            }
        }
        return null;
    }
}
