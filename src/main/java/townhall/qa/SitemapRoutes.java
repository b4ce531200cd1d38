package townhall.qa;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import townhall.web.Web;

/**
 * {@code /sitemap.xml} with the home page, the lists, the categories and tags, what features above Q&A add (FAQ
 * entries, ideas, announcements) and every visible question; and {@code /robots.txt}.
 */
public final class SitemapRoutes {
    private static final int MAX_URLS = 50_000;
    private static final int MAX_TAGS = 1_000;

    private final QuestionStore questions;
    private final CategoryStore categories;
    private final List<SitemapSource> others;

    /** {@code others} add the pages of features above Q&A, such as the FAQ, ideas and announcements. */
    public SitemapRoutes(QuestionStore questions, CategoryStore categories, List<SitemapSource> others) {
        this.questions = questions;
        this.categories = categories;
        this.others = others;
    }

    /** Pages a feature above Q&A adds to the sitemap, at most {@code limit} of them. */
    public interface SitemapSource {
        List<QuestionStore.SitemapEntry> sitemap(int limit);
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/sitemap.xml", this::sitemap);
        routes.get("/robots.txt", ctx -> {
            String prefix = Web.prefix(ctx);
            ctx.contentType("text/plain; charset=utf-8")
                    .result("User-agent: *\nDisallow: " + prefix + "/ask\nDisallow: " + prefix + "/signin\nDisallow: "
                            + prefix + "/register\nDisallow: " + prefix + "/admin/\nSitemap: " + Web.publicBase(ctx) + "/sitemap.xml\n");
        });
    }

    private void sitemap(Context ctx) {
        String baseUrl = Web.publicBase(ctx);
        StringBuilder xml = new StringBuilder(64 * 1024)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        url(xml, baseUrl, "/", null);
        url(xml, baseUrl, "/questions", null);
        url(xml, baseUrl, "/tags", null);
        List<QuestionStore.SitemapEntry> entries = new ArrayList<>();
        for (Category category : categories.visible(Audience.ANONYMOUS)) {
            entries.add(new QuestionStore.SitemapEntry("/c/" + category.slug(), null));
        }
        for (QuestionStore.TagCount tag : questions.tags(MAX_TAGS, Audience.ANONYMOUS)) {
            entries.add(new QuestionStore.SitemapEntry("/tags/" + URLEncoder.encode(tag.name(), StandardCharsets.UTF_8), null));
        }
        for (SitemapSource source : others) {
            entries.addAll(source.sitemap(MAX_URLS / 10));
        }
        entries.addAll(questions.sitemap(MAX_URLS - 3 - entries.size()));
        for (QuestionStore.SitemapEntry entry : entries) {
            url(xml, baseUrl, entry.path(), entry.lastModified() == null ? null
                    : entry.lastModified().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        xml.append("</urlset>\n");
        ctx.contentType("application/xml; charset=utf-8").result(xml.toString());
    }

    private static void url(StringBuilder xml, String baseUrl, String path, String lastModified) {
        xml.append("  <url><loc>").append(escape(baseUrl + path)).append("</loc>");
        if (lastModified != null) {
            xml.append("<lastmod>").append(lastModified).append("</lastmod>");
        }
        xml.append("</url>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
