package townhall.feeds;

import java.util.List;

/** A feed before it is written as RSS or Atom: its title, the page it stands for (a site path), its items. */
record Feed(String title, String description, String pagePath, List<FeedItem> items) {}
