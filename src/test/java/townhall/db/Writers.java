package townhall.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import townhall.support.Eventually;
import townhall.support.WebClient;

/**
 * Members asking questions as fast as the site takes them, each in a thread of its own, remembering every question
 * the site acknowledged (303 to its page): what a crash must not lose.
 */
final class Writers {
    record Written(long id, String title) {}

    private final List<WebClient> members = new ArrayList<>();
    private final List<Written> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Writers(String base, int count) {
        for (int i = 0; i < count; i++) {
            WebClient member = new WebClient(base);
            String name = "writer" + i;
            if (member.register(name, "a long enough password").status() != 303) {
                throw new IllegalStateException("Could not register " + name);
            }
            members.add(member);
        }
        for (int i = 0; i < count; i++) {
            int writer = i;
            threads.add(Thread.ofPlatform().name("writer-" + i).start(() -> write(writer)));
        }
    }

    private void write(int writer) {
        WebClient member = members.get(writer);
        for (int n = 1; running.get(); n++) {
            String title = "Crash check " + token(writer, n) + ": does the amplifier keep its settings";
            try {
                WebClient.Response response = member.post("/ask", Map.of("title", title,
                        "body", "Asked by writer " + writer + " while Townhall may be killed at any moment.",
                        "tags", "crash"));
                if (response.status() == 303) {
                    acknowledged.add(new Written(Long.parseLong(
                            response.location().replaceAll("^.*?/q/(\\d+).*$", "$1")), title));
                }
            } catch (RuntimeException connectionLost) {
                return; // the server is gone: what was not acknowledged may or may not have been kept
            }
        }
    }

    /** A word found in one question's title only, to search for it. */
    static String token(long writer, long n) {
        return "kx" + writer + "q" + n;
    }

    static String tokenOf(String title) {
        return title.replaceAll("^Crash check (\\w+):.*$", "$1");
    }

    void awaitAcknowledged(int count) {
        Eventually.await(() -> acknowledged.size() >= count);
    }

    /** Stops writing and returns what was acknowledged. */
    List<Written> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(acknowledged);
    }

    WebClient first() {
        return members.getFirst();
    }
}
