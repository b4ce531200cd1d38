package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.support.Eventually;

/** An index written in many batches is merged into one segment in the background, and keeps every document. */
class SearchIndexCompactionTest {
    private Path folder;
    private SearchIndex index;

    @BeforeEach
    void open() throws IOException {
        folder = Files.createTempDirectory("index-compaction");
        index = SearchIndex.open(folder, new Analysis(Language.EN));
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    @Test
    void manyBatchesAreMergedIntoOneSegmentThatSearchesFindEverythingIn() throws IOException {
        for (long batch = 0; batch < 6; batch++) { // each committed batch is a segment of its own
            index.apply(LongStream.range(batch * 50, batch * 50 + 50).mapToObj(this::question).toList());
            index.refresh();
            index.commit();
        }
        index.apply(List.of(question(7))); // a question written again: its old version is deleted
        index.refresh();
        index.commit();
        assertThat(index.segments()).isGreaterThan(1);

        index.compact();
        Eventually.await(() -> !index.merging());
        index.refresh();
        index.commit();

        assertThat(index.segments()).isEqualTo(1);
        assertThat(index.documentCount()).isEqualTo(300);
        int found = index.withSearcher(searcher -> searcher.count(new TermQuery(new Term(Fields.TAG, "amplifier"))));
        assertThat(found).isEqualTo(300);
        try (var onDisk = DirectoryReader.open(FSDirectory.open(folder))) {
            assertThat(onDisk.leaves()).as("the merged index is what is on disk").hasSize(1);
            assertThat(onDisk.numDocs()).isEqualTo(300);
        }
    }

    private SearchDocument question(long id) {
        return new SearchDocument(Fields.QUESTION, id, "Question " + id, "question-" + id, "About the amplifier",
                "", List.of("amplifier"), false, false, false, 0, 0, null, null, true, "public");
    }
}
