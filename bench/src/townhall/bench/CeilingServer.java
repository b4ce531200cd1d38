package townhall.bench;

import io.javalin.Javalin;

/**
 * The framework's ceiling on this machine: Javalin on virtual threads answering a constant, with none of
 * Townhall's work. Benchmarks state every page's throughput as a fraction of this.
 */
public final class CeilingServer {
    private CeilingServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7081;
        Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jetty.port = port;
            config.routes.get("/", ctx -> ctx.result("ok"));
        }).start();
    }
}
