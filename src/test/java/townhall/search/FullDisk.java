package townhall.search;

import java.io.IOException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/** An index directory whose writes fail as on a full disk while {@link #full} is set. */
final class FullDisk extends FilterDirectory {
    static volatile boolean full;

    FullDisk(Directory in) {
        super(in);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        failWhenFull();
        return super.createOutput(name, context);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        failWhenFull();
        return super.createTempOutput(prefix, suffix, context);
    }

    private static void failWhenFull() throws IOException {
        if (full) {
            throw new IOException("No space left on device");
        }
    }
}
