package townhall.theme;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import townhall.i18n.Messages;
import townhall.i18n.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pebble templates from the theme chain; in development mode they are read anew on every render. */
public final class Templates {
    private final PebbleEngine engine;
    private final Messages messages;

    public Templates(Theme theme, Assets assets, boolean reloading, Clock clock) {
        this(theme, assets, reloading, clock, "");
    }

    /** {@code basePath} is the prefix the site is served under ("" or e.g. "/community"), for {@code url()}. */
    public Templates(Theme theme, Assets assets, boolean reloading, Clock clock, String basePath) {
        this(theme, assets, reloading, clock, basePath, Messages.load(theme.folders()));
    }

    public Templates(Theme theme, Assets assets, boolean reloading, Clock clock, String basePath, Messages messages) {
        this.messages = messages;
        List<Loader<?>> loaders = theme.templateFolders().stream().map(Templates::fileLoader).toList();
        this.engine = new PebbleEngine.Builder()
                .loader(new DelegatingLoader(loaders))
                .cacheActive(!reloading)
                .strictVariables(false)
                .extension(new TownhallExtension(assets, clock, basePath, messages))
                .build();
    }

    private static Loader<?> fileLoader(Path folder) {
        FileLoader loader = new FileLoader(folder.toAbsolutePath().toString());
        loader.setSuffix(".peb");
        return loader;
    }

    public String render(String name, Map<String, Object> model) {
        return render(name, model, Locale.ENGLISH);
    }

    /** Renders in a language: {@code t()}, {@code ago} and {@code number} follow {@code locale}. */
    public String render(String name, Map<String, Object> model, Locale locale) {
        try {
            PebbleTemplate template = engine.getTemplate(name);
            StringWriter out = new StringWriter(8192);
            template.evaluate(out, model, locale);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Messages messages() {
        return messages;
    }

    private static final class TownhallExtension extends AbstractExtension {
        private final Assets assets;
        private final Clock clock;
        private final String basePath;
        private final Messages messages;

        TownhallExtension(Assets assets, Clock clock, String basePath, Messages messages) {
            this.assets = assets;
            this.clock = clock;
            this.basePath = basePath;
            this.messages = messages;
        }

        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("asset", new AssetFunction(assets, basePath), "url", new UrlFunction(basePath),
                    "t", new TranslateFunction(messages));
        }

        @Override
        public Map<String, Filter> getFilters() {
            TimeFilters filters = new TimeFilters();
            return Map.of("ago", filters.ago(clock), "iso", filters.iso(), "number", filters.number());
        }
    }

    /**
     * {@code t('qa.answers', count=n)}: the message {@code qa.answers} in the page's language, with named arguments
     * (or a map as the second argument: {@code t('key', {'count': n})}), or {@code t(text)} for a {@link Text} a
     * service composed. The result is text, escaped like any value.
     */
    record TranslateFunction(Messages messages) implements Function {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            Object key = args.get("0");
            Map<String, Object> named = new HashMap<>();
            if (args.get("1") instanceof Map<?, ?> map) {
                map.forEach((name, value) -> named.put(String.valueOf(name), value));
            }
            args.forEach((name, value) -> {
                if (!name.equals("0") && !name.equals("1")) {
                    named.put(name, value);
                }
            });
            if (key instanceof Text text) { // t(text): a message a service composed, with its own arguments
                Map<String, Object> all = new HashMap<>(text.args());
                all.putAll(named);
                return messages.format(context.getLocale(), text.key(), all);
            }
            return messages.format(context.getLocale(), String.valueOf(key), named);
        }

        @Override
        public List<String> getArgumentNames() {
            return null; // any named argument
        }
    }

    /** {@code asset('css/site.css')}: the fingerprinted address of a static file. */
    private record AssetFunction(Assets assets, String basePath) implements Function {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            return basePath + "/static/" + assets.fingerprinted(String.valueOf(args.get("path")));
        }

        @Override
        public List<String> getArgumentNames() {
            return List.of("path");
        }
    }

    /**
     * {@code url('/questions')}: the address of a site path, with the prefix the site is served under. The one
     * way templates link inside the site; anything that is not a site path (https://…, #anchor) passes unchanged.
     */
    record UrlFunction(String basePath) implements Function {
        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            Object path = args.get("path");
            if (path == null) {
                return basePath + "/";
            }
            String value = path.toString();
            return value.startsWith("/") && !value.startsWith("//") ? basePath + value : value;
        }

        @Override
        public List<String> getArgumentNames() {
            return List.of("path");
        }
    }
}
