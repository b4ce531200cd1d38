package townhall.importer;

import java.util.List;

/** What a batch of rows was prepared into: how many rows were read, and the items to write. */
record Batch<T>(int rows, List<T> items) {}
