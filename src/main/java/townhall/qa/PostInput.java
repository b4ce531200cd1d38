package townhall.qa;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.markdown.MarkdownRenderer;
import townhall.web.InvalidInput;
import townhall.web.Texts;

import static townhall.qa.QaRules.BODY_MAX;

/** What a member types into a question or answer: cleaned, checked (title, body, tags, links) and rendered. */
public final class PostInput {
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9+#.-]{0,34}");

    private final MarkdownRenderer markdown;
    private final QaRules rules;
    private final Privileges privileges;

    public PostInput(MarkdownRenderer markdown, QaRules rules, Privileges privileges) {
        this.markdown = markdown;
        this.rules = rules;
        this.privileges = privileges;
    }

    /** New members' posts may hold only a few links, which keeps link spam out. */
    void checkLinks(String field, String body, Member author, InvalidInput.Collector errors) {
        int max = privileges.maxLinks(author);
        if (max >= 0 && !errors.has(field) && markdown.countLinks(body) > max) {
            errors.add(field, "qa.error.links", "max", max, "reputation", privileges.rules().newMemberReputation());
        }
    }

    void checkTitle(String title, InvalidInput.Collector errors) {
        if (title.length() < rules.titleMin()) {
            errors.add("title", "qa.error.title.short", "min", rules.titleMin());
        } else if (title.length() > rules.titleMax()) {
            errors.add("title", "qa.error.title.long", "max", rules.titleMax());
        }
    }

    static void checkBody(String field, String body, int min, InvalidInput.Collector errors) {
        if (body.length() < min) {
            errors.add(field, "qa.error.body.short", "min", min);
        } else if (body.length() > BODY_MAX) {
            errors.add(field, "qa.error.body.long", "max", BODY_MAX);
        }
    }

    /** Tags separated by commas or spaces, lower-cased, without repeats. */
    List<String> parseTags(String input, InvalidInput.Collector errors) {
        Set<String> tags = new LinkedHashSet<>();
        for (String part : clean(input).toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (!part.isEmpty()) {
                tags.add(part);
            }
        }
        if (tags.isEmpty()) {
            errors.add("tags", "qa.error.tags.missing");
        } else if (tags.size() > rules.tagsMax()) {
            errors.add("tags", "qa.error.tags.many", "max", rules.tagsMax());
        } else {
            tags.stream().filter(tag -> !TAG.matcher(tag).matches()).findFirst()
                    .ifPresent(bad -> errors.add("tags", "qa.error.tags.invalid", "tag", bad, "max", 35));
        }
        return List.copyOf(tags);
    }

    String render(String body, Member author) {
        return markdown.render(body, privileges.linkPolicy(author));
    }

    /** One line of member text (a title, a comment, a reason): control characters dropped, white space collapsed. */
    static String clean(String text) {
        return Texts.line(text);
    }

    /** A Markdown body: line breaks kept, other control characters dropped. */
    static String body(String text) {
        return Texts.clean(text, true).strip();
    }
}
