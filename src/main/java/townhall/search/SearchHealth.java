package townhall.search;

import java.util.LinkedHashMap;
import java.util.Map;
import townhall.web.HealthCheck;

/**
 * The search index in /health: how many documents searches see, whether changes reach it, and whether it is being
 * rebuilt. Degraded when the index cannot be used at all or its last change failed (a full disk, say).
 */
public final class SearchHealth implements HealthCheck {
    private final SearchIndex index;
    private final Indexer indexer;

    SearchHealth(SearchIndex index, Indexer indexer) {
        this.index = index;
        this.indexer = indexer;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public boolean usable() {
        return index.unusable() == null;
    }

    @Override
    public Report check() {
        String unusable = index.unusable();
        String failure = unusable != null ? unusable : index.writerFailure();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("documents", index.documentCount());
        figures.put("usable", unusable == null);
        figures.put("writerHealthy", failure == null);
        figures.put("rebuilding", indexer.rebuilding());
        if (failure != null) {
            figures.put("problem", failure);
        }
        return new Report(failure != null, figures);
    }
}
