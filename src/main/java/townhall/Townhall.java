package townhall;

import java.io.Console;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import townhall.account.AccountService;
import townhall.account.Member;
import townhall.app.Application;
import townhall.app.Components;
import townhall.backup.Backup;
import townhall.backup.DatabaseTarget;
import townhall.backup.Restore;
import townhall.config.Config;
import townhall.web.InvalidInput;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.i18n.Messages;
import townhall.importer.StackExchangeImporter;
import townhall.markdown.CommentFormatter;
import townhall.search.Search;

/** The command line: serve (the default), migrate, create-admin, recompute-reputation, reindex, import-stackexchange, backup, restore. */
public final class Townhall {
    private Townhall() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.println(help(command));
            return;
        }
        try {
            switch (command) {
                case "serve" -> serve();
                case "migrate" -> migrate();
                case "reindex" -> reindex();
                case "create-admin" -> createAdmin(rest);
                case "recompute-reputation" -> recomputeReputation();
                case "import-stackexchange" -> importStackExchange(rest);
                case "backup" -> backup(rest);
                case "restore" -> restore(rest);
                case "help", "--help", "-h" -> System.out.println(usage());
                default -> {
                    System.err.println("Unknown command: " + command + "\n\n" + usage());
                    System.exit(2);
                }
            }
        } catch (IllegalStateException e) {
            System.err.println("Townhall could not " + command + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** A command's settings: its statements may run as long as they need (a migration, an import, a rebuild). */
    private static Config config() {
        return Config.load(System.getenv()).with(Setting.DB_STATEMENT_SECONDS, "0");
    }

    private static void serve() {
        Application app = Application.start(Config.load(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "townhall-shutdown"));
    }

    private static void migrate() {
        try (Database database = Database.open(config())) {
            System.out.println("The database schema is up to date.");
        }
    }

    private static void recomputeReputation() {
        Config config = config().with(Setting.DEMO, "false");
        try (Database database = Database.open(config)) {
            int changed = new Components(config, database, Clock.systemUTC()).reputation.recompute();
            System.out.println("Reputation recomputed from the ledger: " + changed
                    + (changed == 1 ? " total was" : " totals were") + " out of step and now match it.");
        }
    }

    private static void reindex() {
        Config config = config().with(Setting.DEMO, "false");
        try (Database database = Database.open(config)) {
            rebuildIndex(config, database, new Components(config, database, Clock.systemUTC()));
        }
    }

    /** Rebuilds the search index from the database, or asks the running Townhall that holds it to. */
    private static void rebuildIndex(Config config, Database database, Components components) {
        long started = System.nanoTime();
        try {
            int documents = Search.rebuild(config, database, components.markdown);
            System.out.println("The search index in " + Search.indexDir(config) + " was rebuilt from the database: "
                    + documents + " documents in " + (System.nanoTime() - started) / 1_000_000 + " ms.");
        } catch (IllegalStateException inUse) {
            if (!inUse.getMessage().contains("in use")) {
                throw inUse;
            }
            database.inTransaction(() -> components.searchOutbox.requestRebuild());
            System.out.println("A running Townhall holds the search index; it has been asked to rebuild it "
                    + "from the database and will within a second (its log tells when it is done).");
        }
    }

    private static void backup(List<String> args) {
        if (args.size() != 1) {
            System.err.println(help("backup"));
            System.exit(2);
        }
        Path file = Path.of(args.getFirst());
        long started = System.nanoTime();
        try (DatabaseTarget target = DatabaseTarget.of(config())) {
            long size = Backup.write(target, file);
            System.out.println("Backed up " + target.describe() + " to " + file.toAbsolutePath() + ": " + size
                    + " bytes in " + (System.nanoTime() - started) / 1_000_000 + " ms.");
        }
    }

    private static void restore(List<String> args) {
        if (args.size() != 1) {
            System.err.println(help("restore"));
            System.exit(2);
        }
        Path file = Path.of(args.getFirst());
        Config config = config().with(Setting.DEMO, "false");
        try (DatabaseTarget target = DatabaseTarget.of(config)) {
            int tables = Restore.load(target, file);
            System.out.println("Restored " + file + " into " + target.describe() + ": " + tables + " tables.");
        }
        // the search index is not in the backup: rebuild it from the restored database (or ask Townhall to)
        try (Database database = Database.open(config)) {
            rebuildIndex(config, database, new Components(config, database, Clock.systemUTC()));
        }
    }

    private static void importStackExchange(List<String> args) {
        List<String> folders = new ArrayList<>();
        String site = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--site") && i + 1 < args.size()) {
                site = args.get(++i);
            } else {
                folders.add(args.get(i));
            }
        }
        if (folders.size() != 1) {
            System.err.println(help("import-stackexchange"));
            System.exit(2);
        }
        Path folder = Path.of(folders.getFirst());
        String host = StackExchangeImporter.siteOf(folder, site);
        StackExchangeImporter.requireDump(folder);
        Config config = config().with(Setting.DEMO, "false");
        try (Database database = Database.open(config)) {
            Components components = new Components(config, database, Clock.systemUTC());
            // imported content is searchable when the import ends: the index is rebuilt from the database
            Runnable afterImport = () -> rebuildIndex(config, database, components);
            new StackExchangeImporter(database, components.markdown, new CommentFormatter(), System.out, afterImport)
                    .run(folder, host);
        }
    }

    private static void createAdmin(List<String> args) {
        if (args.size() < 2) {
            System.err.println(help("create-admin"));
            System.exit(2);
        }
        String password = args.size() >= 3 ? args.get(2) : System.getenv("TOWNHALL_ADMIN_PASSWORD");
        if (password == null) {
            Console console = System.console();
            if (console == null) {
                System.err.println("Give the password as the third argument or in TOWNHALL_ADMIN_PASSWORD.");
                System.exit(2);
            }
            password = new String(console.readPassword("Password for %s: ", args.get(0)));
        }
        Config config = config().with(Setting.DEMO, "false");
        try (Database database = Database.open(config)) {
            Components components = new Components(config, database, Clock.systemUTC());
            Member admin = components.accounts.createOrPromoteAdmin(
                    new AccountService.Registration(args.get(0), args.get(1), password));
            System.out.println("Administrator " + admin.username() + " <" + admin.email() + "> is ready to sign in.");
        } catch (InvalidInput e) {
            Messages messages = Messages.load();
            e.errors().forEach((field, text) -> System.err.println(field + ": " + messages.format(Locale.ENGLISH, text)));
            System.exit(1);
        }
    }

    static String usage() {
        return """
                Usage: townhall [command] [--help]

                Commands:
                  serve          Start the forum (the default)
                  migrate        Bring the database schema up to date and exit
                  reindex        Rebuild the search index from the database
                  create-admin   Create an administrator, or make a member one
                  recompute-reputation  Rebuild every member's reputation total from the ledger
                  import-stackexchange  Import a Stack Exchange data dump (a site's folder of XML files)
                  backup <file>  Write a backup of the database (gzip'd SQL when the name ends in .gz)
                  restore <file> Restore a backup into an empty database and rebuild the search index

                Settings come from townhall.properties and TOWNHALL_* environment variables; see the README.""";
    }

    static String help(String command) {
        return switch (command) {
            case "serve" -> """
                    Usage: townhall serve

                    Starts Townhall on TOWNHALL_PORT (7070). Without TOWNHALL_DB_URL it starts an embedded
                    MariaDB with its files under TOWNHALL_DATA_DIR/mariadb, migrates the schema, seeds the
                    demo community into an empty database (TOWNHALL_DEMO=false turns that off) and serves.""";
            case "migrate" -> """
                    Usage: townhall migrate

                    Applies the pending migrations to the configured database and exits.""";
            case "reindex" -> """
                    Usage: townhall reindex

                    Rebuilds the search index (TOWNHALL_DATA_DIR/index) from the database, which is the only
                    source of truth: questions, their answers and tags, and the FAQ. With an external database
                    (TOWNHALL_DB_URL) and Townhall running on this index, the command asks it to rebuild instead,
                    and it does so in the background while it keeps serving. With the embedded database, stop
                    Townhall first: the command refuses while it runs. Deleting the index folder and restarting
                    does the same.""";
            case "create-admin" -> """
                    Usage: townhall create-admin <username> <email> [password]

                    Creates an administrator. If the username exists, that member becomes an administrator
                    with the given password. Without a password argument it is read from
                    TOWNHALL_ADMIN_PASSWORD or asked for on the console.""";
            case "recompute-reputation" -> """
                    Usage: townhall recompute-reputation

                    Sets every member's reputation to 1 plus the sum of their reputation events (the ledger)
                    and prints how many totals were out of step. Safe to run at any time.""";
            case "import-stackexchange" -> """
                    Usage: townhall import-stackexchange <folder> [--site <host>]

                    Imports an unpacked Stack Exchange data dump: the folder of one site's Posts.xml, Users.xml,
                    Comments.xml, Tags.xml, PostLinks.xml, PostHistory.xml and Votes.xml. It creates members,
                    tags, questions, answers, comments, accepted answers and duplicate closures in a category of
                    their own; every post names its original author, links to its original and states its
                    licence (CC BY-SA). Dump votes are anonymous, so posts keep their scores and no votes are made.
                    Imported members cannot sign in and start at reputation 1.

                    The site's host name (used in the links back and to recognise the import when it runs again)
                    is the folder's name, such as beer.stackexchange.com; --site gives another one. Running the
                    import again adds only what is not there yet. With the embedded database, stop Townhall first.""";
            case "backup" -> """
                    Usage: townhall backup <file>

                    Writes a consistent backup of the database to <file> while Townhall runs or not: an SQL
                    dump made by mariadb-dump in one transaction, gzip'd when the name ends in .gz. The database
                    is everything Townhall keeps (brand images, avatars and mail included); the search index is
                    rebuilt from it. With the embedded database it reaches the running server (its port is in
                    TOWNHALL_DATA_DIR/mariadb/port) or starts it; with TOWNHALL_DB_URL it dumps that database
                    as TOWNHALL_DB_USER, passing TOWNHALL_DB_PASSWORD in MYSQL_PWD.""";
            case "restore" -> """
                    Usage: townhall restore <file>

                    Loads a backup (gzip'd or plain SQL) into the configured database, which must be empty: a
                    new TOWNHALL_DATA_DIR for the embedded database, or a newly created external database. It
                    refuses a database that has any table. Then it rebuilds the search index from the restored
                    database, or asks a running Townhall to.""";
            default -> usage();
        };
    }
}
