package townhall.qa;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A post's revisions, each with what it changed against the one before, as escaped HTML with ins/del marks. */
public final class RevisionHistory {
    private final PostStore posts;
    private final DiffRowGenerator generator = DiffRowGenerator.create()
            .showInlineDiffs(true)
            .inlineDiffByWord(true)
            .mergeOriginalRevised(true)
            .lineNormalizer(DiffRowGenerator.LINE_NORMALIZER_FOR_HTML) // escapes the text: the page shows it raw
            .oldTag(start -> start ? "<del>" : "</del>")
            .newTag(start -> start ? "<ins>" : "</ins>")
            .build();

    public RevisionHistory(PostStore posts) {
        this.posts = posts;
    }

    public record Change(PostStore.Revision revision, String titleDiff, String tagsDiff, List<String> bodyDiff,
                         boolean first) {}

    /** Newest first, as the history page lists them. */
    public List<Change> of(long postId) {
        List<PostStore.Revision> revisions = posts.revisionsOf(postId);
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < revisions.size(); i++) {
            PostStore.Revision current = revisions.get(i);
            PostStore.Revision previous = i + 1 < revisions.size() ? revisions.get(i + 1) : null;
            changes.add(new Change(current,
                    diffLine(previous == null ? null : previous.title(), current.title()),
                    diffLine(previous == null ? null : previous.tags(), current.tags()),
                    diffLines(previous == null ? "" : previous.bodyMd(), current.bodyMd()),
                    previous == null));
        }
        return changes;
    }

    private String diffLine(String before, String after) {
        if (after == null || Objects.equals(before, after)) {
            return null;
        }
        return generator.generateDiffRows(List.of(before == null ? "" : before), List.of(after)).getFirst().getOldLine();
    }

    private List<String> diffLines(String before, String after) {
        List<DiffRow> rows = generator.generateDiffRows(lines(before), lines(after));
        return rows.stream().map(DiffRow::getOldLine).toList();
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
