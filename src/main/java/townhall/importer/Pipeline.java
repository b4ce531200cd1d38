package townhall.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reads and prepares batches of a dump file on one thread while one or more writer threads (the caller and
 * {@code writers - 1} helpers) store earlier batches, each in transactions of its own. A few prepared batches
 * at most wait in between, so memory stays bounded. Batches are numbered in file order from 0, for writers
 * that must respect it (see {@link Sequence}).
 */
final class Pipeline {
    private static final Object END = new Object();

    private Pipeline() {}

    private record Numbered<T>(long number, T batch) {}

    private record Failure(RuntimeException error) {}

    interface Writer<T> {
        void write(long number, T batch);
    }

    static <T> void run(DumpReader reader, int maxRows, int maxChars, int writers, Function<List<Row>, T> prepare,
                        Writer<T> write) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(writers + 1);
        Thread producer = Thread.ofPlatform().name("import-reader").daemon().start(() -> {
            long[] number = {0};
            try {
                reader.forEachBatch(maxRows, maxChars, rows -> put(queue, new Numbered<>(number[0]++, prepare.apply(rows))));
                put(queue, END);
            } catch (Stopped stopped) {
                // the writers failed and are no longer listening
            } catch (RuntimeException | Error e) {
                try {
                    put(queue, new Failure(e instanceof RuntimeException r ? r : new IllegalStateException(e)));
                } catch (Stopped ignored) {
                    // the writers are gone
                }
            }
        });
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable writing = () -> {
            try {
                while (failure.get() == null) {
                    Object next = queue.take();
                    if (next == END) {
                        queue.put(END); // for the other writers
                        return;
                    }
                    if (next instanceof Failure f) {
                        queue.put(next);
                        throw f.error();
                    }
                    @SuppressWarnings("unchecked") Numbered<T> numbered = (Numbered<T>) next;
                    write.write(numbered.number(), numbered.batch());
                }
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new IllegalStateException("The import was interrupted", e));
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < writers; i++) {
            helpers.add(Thread.ofPlatform().name("import-writer-" + i).daemon().start(writing));
        }
        writing.run();
        try {
            for (Thread helper : helpers) {
                if (failure.get() != null) helper.interrupt();
                helper.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("The import was interrupted", e));
        } finally {
            producer.interrupt();
            queue.clear();
            try {
                producer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) throw failure.get();
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * Tracks which numbered steps are done, so a writer can wait until every step numbered below its own is:
     * answers wait for the questions of all earlier batches.
     */
    static final class Sequence {
        private final java.util.Set<Long> doneAhead = new java.util.HashSet<>();
        private long doneBelow; // every step numbered below this is done
        private boolean failed;

        synchronized void done(long number) {
            doneAhead.add(number);
            while (doneAhead.remove(doneBelow)) {
                doneBelow++;
            }
            notifyAll();
        }

        /** Lets waiting writers give up when another one failed. */
        synchronized void fail() {
            failed = true;
            notifyAll();
        }

        synchronized void awaitAllBelow(long number) {
            try {
                while (doneBelow < number) {
                    if (failed) throw new IllegalStateException("Another import writer failed");
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The import was interrupted", e);
            }
        }
    }
}
