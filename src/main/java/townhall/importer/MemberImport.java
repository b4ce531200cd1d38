package townhall.importer;

import static townhall.importer.DumpValues.NAME_MAX;
import static townhall.importer.DumpValues.cut;
import static townhall.importer.DumpValues.ids;
import static townhall.importer.DumpValues.orNow;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.account.Names;
import townhall.account.PasswordHasher;
import townhall.db.Database;

/**
 * Users.xml: a member for every user, named after the display name; and the members that stand in for others,
 * made when first needed: the author of posts and comments whose user the dump no longer has, and the closer.
 * Imported members cannot sign in.
 */
final class MemberImport {
    private static final long COMMUNITY_USER = -1;

    private final ImportRun run;
    private final ImportStore store;
    private final Database database;
    private final String site;
    private final Usernames usernames = new Usernames();
    private final Set<String> usernamesInFlight = new HashSet<>();
    private final String unusablePassword;
    private Long placeholderId;
    private Long closerId;
    private long added;

    MemberImport(ImportRun run, ImportStore store, Database database) {
        this.run = run;
        this.store = store;
        this.database = database;
        this.site = run.site();
        // Their password hash is of a random secret that is thrown away at once.
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.unusablePassword = new PasswordHasher().hash(Base64.getEncoder().encodeToString(secret));
    }

    /** Members added from Users.xml. */
    long added() {
        return added;
    }

    void importUsers() {
        long before = run.alreadyImported();
        if (run.each("Users.xml", StackExchangeImporter.WRITERS, this::prepare, (number, batch) -> write(batch))) {
            run.done(Progress.count(run.rowsRead()) + " rows: " + Progress.count(added) + " members added, "
                    + Progress.count(run.alreadyImported() - before) + " already imported");
        }
    }

    private record MemberBatch(int rows, List<Row> fresh, List<String> bases) {}

    private MemberBatch prepare(List<Row> rows) {
        Map<Long, ImportStore.Mapped> known = store.mapped(site, ImportStore.MEMBER, ids(rows, "Id"));
        List<Row> fresh = rows.stream().filter(r -> !known.containsKey(r.id())).toList();
        List<String> bases = fresh.stream().map(r -> usernames.base(r.text("DisplayName"), r.id())).toList();
        return new MemberBatch(rows.size(), fresh, bases);
    }

    private void write(MemberBatch batch) {
        List<Row> fresh = batch.fresh();
        if (!fresh.isEmpty()) {
            List<String> names = reserveUsernames(fresh, batch.bases());
            try {
                run.transaction(() -> {
                    List<ImportStore.NewMember> newMembers = new ArrayList<>(fresh.size());
                    for (int i = 0; i < fresh.size(); i++) {
                        Row r = fresh.get(i);
                        newMembers.add(new ImportStore.NewMember(names.get(i), emailOf("user" + r.id()),
                                unusablePassword, orNow(r.date("CreationDate"))));
                    }
                    List<Long> ids = store.insertMembers(newMembers);
                    List<ImportStore.Mapping> mappings = new ArrayList<>(fresh.size());
                    for (int i = 0; i < fresh.size(); i++) {
                        mappings.add(new ImportStore.Mapping(fresh.get(i).id(), ids.get(i),
                                cut(fresh.get(i).text("DisplayName", ""), NAME_MAX)));
                    }
                    store.map(site, ImportStore.MEMBER, mappings);
                    return null;
                });
            } finally {
                synchronized (usernamesInFlight) {
                    names.forEach(name -> usernamesInFlight.remove(key(name)));
                }
            }
        }
        run.countAlreadyImported(batch.rows() - fresh.size());
        synchronized (this) {
            added += fresh.size();
        }
        run.tick(batch.rows(), fresh.size());
    }

    /**
     * A free username per row: the display name made valid, or with the source id after it on a clash. Names
     * another writer chose but has not committed yet count as taken until it has.
     */
    private List<String> reserveUsernames(List<Row> fresh, List<String> bases) {
        synchronized (usernamesInFlight) {
            Set<String> candidates = new HashSet<>();
            for (int i = 0; i < fresh.size(); i++) {
                candidates.add(bases.get(i));
                candidates.add(Usernames.withSuffix(bases.get(i), "-" + Math.abs(fresh.get(i).id())));
            }
            Set<String> taken = new HashSet<>(usernamesInFlight);
            taken.addAll(store.takenUsernames(candidates));
            List<String> chosen = new ArrayList<>(fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                String base = bases.get(i);
                long id = fresh.get(i).id();
                String name = taken.contains(key(base)) ? Usernames.withSuffix(base, "-" + Math.abs(id)) : base;
                for (int n = 2; taken.contains(key(name)); n++) {
                    // rare: the name with the source id after it is taken too
                    name = Usernames.withSuffix(base, "-" + Math.abs(id) + "-" + n);
                    taken.addAll(store.takenUsernames(List.of(name)));
                }
                taken.add(key(name));
                usernamesInFlight.add(key(name));
                chosen.add(name);
            }
            return chosen;
        }
    }

    private String emailOf(String localPart) {
        return "se-" + localPart + "@" + site + ".invalid";
    }

    /** The member standing in for authors the dump no longer has (deleted accounts); made when first needed. */
    synchronized long placeholder() {
        if (placeholderId == null) {
            ImportStore.Mapped known = store.mapped(site, ImportStore.PLACEHOLDER, List.of(0L)).get(0L);
            if (known != null) {
                placeholderId = known.localId();
            } else {
                placeholderId = database.inTransaction(() -> {
                    String name = "deleted-user";
                    for (int n = 2; !store.takenUsernames(List.of(name)).isEmpty(); n++) {
                        name = "deleted-user-" + n;
                    }
                    long id = store.insertMembers(List.of(new ImportStore.NewMember(name,
                            emailOf("deleted"), unusablePassword, orNow(null)))).getFirst();
                    store.map(site, ImportStore.PLACEHOLDER, List.of(new ImportStore.Mapping(0, id, null)));
                    return id;
                });
            }
        }
        return placeholderId;
    }

    /** Who closes questions on the source's behalf: its Community user, or the placeholder. */
    synchronized long closer() {
        if (closerId == null) {
            ImportStore.Mapped community = store.mapped(site, ImportStore.MEMBER, List.of(COMMUNITY_USER))
                    .get(COMMUNITY_USER);
            closerId = community != null ? community.localId() : placeholder();
        }
        return closerId;
    }

    /** Usernames that differ only by case or punctuation are one name. */
    private static String key(String s) {
        return Names.usernameKey(s);
    }
}
