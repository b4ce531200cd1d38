package townhall.markdown;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns member-written GitHub-flavoured Markdown into safe HTML, plain text and excerpts.
 * Thread-safe: build one and share it.
 */
public final class MarkdownRenderer {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Parser parser;
    private final HtmlRenderer htmlRenderer;

    public MarkdownRenderer() {
        List<Extension> extensions = List.of(
                TablesExtension.create(),
                StrikethroughExtension.create(),
                AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.WWW, AutolinkType.EMAIL).build(),
                TaskListItemsExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        htmlRenderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true) // a member who types <b> sees "<b>", as they wrote it
                .sanitizeUrls(true)
                .build();
    }

    /** Safe HTML for the Markdown, meant to be rendered once on save and stored beside the source. */
    public String render(String markdown, LinkPolicy links) {
        return SafeHtml.sanitize(htmlRenderer.render(parser.parse(markdown)), links);
    }

    /** HTML written elsewhere (an imported post), passed through the same allow-list as rendered Markdown. */
    public String sanitizeHtml(String html, LinkPolicy links) {
        return SafeHtml.sanitize(html, links);
    }

    /** How many links and images the Markdown holds, bare URLs included. */
    public int countLinks(String markdown) {
        var counter = new AbstractVisitor() {
            int links;

            @Override
            public void visit(Link link) {
                links++;
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                links++;
                visitChildren(image);
            }
        };
        parser.parse(markdown).accept(counter);
        return counter.links;
    }

    /** Where the Markdown's links and images point, bare URLs included: for the blocked-domains list. */
    public java.util.List<String> linkDestinations(String markdown) {
        java.util.List<String> destinations = new java.util.ArrayList<>();
        var collector = new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destinations.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
                visitChildren(image);
            }
        };
        parser.parse(markdown).accept(collector);
        return destinations;
    }

    /** The text a reader sees, without markup, on one line: for meta descriptions and search snippets. */
    public String plainText(String markdown) {
        var text = new StringBuilder();
        appendText(parser.parse(markdown), text);
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** The plain text, cut at a word boundary to at most {@code maxChars} characters, with "…" if it was cut. */
    public String excerpt(String markdown, int maxChars) {
        return HtmlText.excerpt(plainText(markdown), maxChars);
    }

    private static void appendText(Node node, StringBuilder text) {
        switch (node) {
            case Text t -> text.append(t.getLiteral());
            case Code c -> text.append(c.getLiteral());
            case HtmlInline html -> text.append(html.getLiteral()); // shown literally, see escapeHtml
            case HtmlBlock html -> text.append(html.getLiteral());
            case FencedCodeBlock code -> text.append(code.getLiteral());
            case IndentedCodeBlock code -> text.append(code.getLiteral());
            case SoftLineBreak ignored -> text.append(' ');
            case HardLineBreak ignored -> text.append(' ');
            default -> {
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    appendText(child, text);
                }
            }
        }
        // Keep words of adjacent paragraphs, list items and table cells apart.
        if (node instanceof Block || node instanceof TableCell) text.append(' ');
    }
}
