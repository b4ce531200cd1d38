package townhall.feeds;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/** Writes a {@link Feed} as RSS 2.0 or Atom 1.0 with Rome, every link absolute on the site's public address. */
final class FeedWriter {
    enum Format {
        RSS("rss_2.0", "application/rss+xml; charset=utf-8"),
        ATOM("atom_1.0", "application/atom+xml; charset=utf-8");

        final String romeType;
        final String contentType;

        Format(String romeType, String contentType) {
            this.romeType = romeType;
            this.contentType = contentType;
        }
    }

    private FeedWriter() {}

    /** {@code base}: the site's public address; {@code selfPath}: the feed's own site path; {@code language}: a tag. */
    static String write(Feed feed, Format format, String base, String selfPath, String language) {
        SyndFeed syndFeed = new SyndFeedImpl();
        syndFeed.setFeedType(format.romeType);
        syndFeed.setTitle(feed.title());
        syndFeed.setDescription(feed.description());
        syndFeed.setLink(base + feed.pagePath());
        syndFeed.setUri(base + selfPath);
        syndFeed.setLanguage(language);
        syndFeed.setLinks(List.of(link(base + feed.pagePath(), "alternate", "text/html"),
                link(base + selfPath, "self", format.contentType.substring(0, format.contentType.indexOf(';')))));
        syndFeed.setPublishedDate(date(feed.items().stream().map(FeedItem::updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(LocalDateTime.of(2000, 1, 1, 0, 0))));
        syndFeed.setEntries(feed.items().stream().map(item -> entry(item, base)).toList());
        try {
            return new SyndFeedOutput().outputString(syndFeed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("The " + selfPath + " feed could not be written", e);
        }
    }

    private static SyndEntry entry(FeedItem item, String base) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(item.title());
        entry.setLink(base + item.path());
        entry.setUri(base + item.path());
        if (item.author() != null) {
            entry.setAuthor(item.author());
        }
        entry.setPublishedDate(date(item.publishedAt()));
        entry.setUpdatedDate(date(item.updatedAt()));
        if (item.summary() != null && !item.summary().isBlank()) {
            entry.setDescription(content("text/plain", item.summary()));
        }
        if (item.html() != null) {
            entry.setContents(List.of(content("text/html", item.html())));
            if (entry.getDescription() == null) {
                entry.setDescription(content("text/html", item.html()));
            }
        }
        entry.setCategories(item.categories().stream().map(FeedWriter::category).toList());
        return entry;
    }

    private static SyndCategory category(String name) {
        SyndCategory category = new SyndCategoryImpl();
        category.setName(name);
        return category;
    }

    private static SyndContent content(String type, String value) {
        SyndContent content = new SyndContentImpl();
        content.setType(type);
        content.setValue(value);
        return content;
    }

    private static SyndLink link(String href, String rel, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setHref(href);
        link.setRel(rel);
        link.setType(type);
        return link;
    }

    private static Date date(LocalDateTime at) {
        return Date.from(at.toInstant(ZoneOffset.UTC));
    }
}
