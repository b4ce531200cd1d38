package townhall;

import java.io.Console;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import townhall.account.AccountService;
import townhall.account.Member;
import townhall.app.Application;
import townhall.app.Components;
import townhall.app.Config;
import townhall.app.InvalidInput;
import townhall.app.Setting;
import townhall.db.Database;
import townhall.importer.StackExchangeImporter;
import townhall.markdown.CommentFormatter;

/** The command line: {@code serve} (the default), {@code migrate}, {@code create-admin}, {@code import-stackexchange}. */
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
                case "create-admin" -> createAdmin(rest);
                case "recompute-reputation" -> recomputeReputation();
                case "import-stackexchange" -> importStackExchange(rest);
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

    private static Config config() {
        return Config.load(System.getenv());
    }

    private static void serve() {
        Application app = Application.start(config());
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
            Runnable afterImport = () -> {}; // no search index on this branch yet: connect it to the search reindex
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
            e.errors().forEach((field, message) -> System.err.println(field + ": " + message));
            System.exit(1);
        }
    }

    static String usage() {
        return """
                Usage: townhall [command] [--help]

                Commands:
                  serve          Start the forum (the default)
                  migrate        Bring the database schema up to date and exit
                  create-admin   Create an administrator, or make a member one
                  recompute-reputation  Rebuild every member's reputation total from the ledger
                  import-stackexchange  Import a Stack Exchange data dump (a site's folder of XML files)

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
            default -> usage();
        };
    }
}
