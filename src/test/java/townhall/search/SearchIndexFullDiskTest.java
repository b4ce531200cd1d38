package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch that failed on a full disk is kept whole when the outbox tries it again once there is space. */
class SearchIndexFullDiskTest {
    private Path folder;
    private SearchIndex index;

    @BeforeEach
    void open() throws IOException {
        SearchIndex.directoryWrapper = FullDisk::new;
        folder = Files.createTempDirectory("index-full-disk");
        index = SearchIndex.open(folder, new Analysis(Language.EN));
    }

    @AfterEach
    void close() throws IOException {
        FullDisk.full = false;
        SearchIndex.directoryWrapper = directory -> directory;
        index.close();
    }

    @Test
    void everyDocumentOfARetriedBatchIsSearchableAndOnDisk() throws IOException {
        index(question(1));

        FullDisk.full = true;
        assertThatThrownBy(() -> index(question(2), question(3))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> index(question(2), question(3))).as("still full").isInstanceOf(IOException.class);

        FullDisk.full = false;
        index(question(2), question(3)); // the outbox's retry: the same batch, applied, refreshed and committed
        assertThat(index.documentCount()).isEqualTo(3);
        try (var onDisk = DirectoryReader.open(FSDirectory.open(folder))) {
            assertThat(onDisk.numDocs()).as("committed").isEqualTo(3);
        }
        assertThat(index.writerFailure()).isNull();
    }

    /** What the {@link Indexer} does with one batch. */
    private void index(SearchDocument... docs) throws IOException {
        index.apply(List.of(docs));
        index.refresh();
        index.commit();
    }

    private static SearchDocument question(long id) {
        return new SearchDocument(Fields.QUESTION, id, "Question " + id, "question-" + id, "About the amplifier",
                "", List.of("amplifier"), false, false, false, 0, 0, null, null, true, "public");
    }
}
