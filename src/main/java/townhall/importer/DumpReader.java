package townhall.importer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the {@code <row .../>} elements of one Stack Exchange dump file with StAX, a bounded batch at a time,
 * so memory stays the same whatever the file's size.
 */
final class DumpReader implements AutoCloseable {
    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();
    private static final int FIRST_BATCH_ROWS = 50;

    static {
        // A dump is data: no DTDs, no external entities.
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, false);
        // Without entities there is nothing to expand, but the JDK also counts long attribute values (a post's
        // body) against its entity limits; lift them, as the limits guard against what is switched off above.
        FACTORY.setProperty("jdk.xml.maxGeneralEntitySizeLimit", 0);
        FACTORY.setProperty("jdk.xml.totalEntitySizeLimit", 0);
    }

    private final Path file;
    private final CountingStream bytes;
    private final XMLStreamReader xml;
    private final long size;

    private DumpReader(Path file) throws IOException, XMLStreamException {
        this.file = file;
        this.size = Files.size(file);
        this.bytes = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        this.xml = FACTORY.createXMLStreamReader(bytes);
    }

    static DumpReader open(Path file) {
        try {
            return new DumpReader(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next row, or null at the end of the file. */
    Row next() {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    int count = xml.getAttributeCount();
                    Row row = new Row(count);
                    for (int i = 0; i < count; i++) {
                        row.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                    }
                    return row;
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(file.getFileName() + " is not a readable dump file: " + e.getMessage(), e);
        }
    }

    /**
     * Hands the rows over in batches of at most {@code maxRows} rows and about {@code maxChars} characters. The
     * first batches are small and each is twice the one before, so the writers start while the reader warms up.
     */
    void forEachBatch(int maxRows, int maxChars, Consumer<List<Row>> work) {
        int size = Math.min(maxRows, FIRST_BATCH_ROWS);
        List<Row> batch = new ArrayList<>(size);
        long chars = 0;
        for (Row row = next(); row != null; row = next()) {
            batch.add(row);
            chars += row.chars();
            if (batch.size() >= size || chars >= maxChars) {
                work.accept(batch);
                size = Math.min(maxRows, size * 2);
                batch = new ArrayList<>(size);
                chars = 0;
            }
        }
        if (!batch.isEmpty()) {
            work.accept(batch);
        }
    }

    /** How far through the file the reader is, from 0 to 1. */
    double fraction() {
        return size == 0 ? 1 : Math.min(1.0, (double) bytes.count / size);
    }

    @Override
    public void close() {
        try {
            xml.close();
            bytes.close();
        } catch (XMLStreamException | IOException e) {
            // nothing was written; closing a file we only read cannot lose anything
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count += n;
            return n;
        }
    }
}
