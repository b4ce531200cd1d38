package townhall.faq;

import java.util.List;

/** An ordered group of FAQ entries, such as "Battery and charging". */
public record FaqSection(long id, String slug, String title, int position, List<FaqEntry> entries) {
    public String anchor() { return "section-" + slug; }
}
