package townhall.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.config.Config;
import townhall.config.Setting;

/**
 * A sentence-embedding model run in this process by ONNX Runtime: text in, a unit-length vector out, so that the
 * dot product of two vectors is their cosine similarity. The built-in model is langchain4j's quantized
 * all-MiniLM-L6-v2 (English, 384 dimensions, shipped in its Maven artifact); {@code search.vectors.model} names
 * another ONNX model on disk with its tokenizer. The model's name is stored with each vector, so a change of model
 * is noticed and the vectors are computed again.
 */
public final class Embeddings {
    private static final Logger log = LoggerFactory.getLogger(Embeddings.class);
    static final String BUILT_IN = "all-minilm-l6-v2-q";
    /**
     * How much of a question's text is embedded besides its title: the start says what it is about. About what the
     * background's {@link BatchEncoder#MAX_TOKENS} leaves of it after a title.
     */
    static final int BODY_CHARS = 100;
    /** Below this many texts, a batch is embedded one text at a time, without loading the batches' session. */
    private static final int FEW = 4;

    private final String name;
    /** Loaded in the background: a start does not wait for it (0.6-3 s); until then searches go by words alone. */
    private final CompletableFuture<EmbeddingModel> model;
    /** Typed titles repeat (each pause in typing asks again): the vector of a recent one is kept. */
    private final Cache<String, float[]> recent = Caffeine.newBuilder().maximumSize(2_000).build();
    /** Loads the model for batches (see {@link BatchEncoder}); null: batches are embedded one text at a time. */
    private final Supplier<BatchEncoder> batchLoader;
    private BatchEncoder batches;

    Embeddings(String name, EmbeddingModel model) {
        this(name, CompletableFuture.completedFuture(model), null);
    }

    private Embeddings(String name, CompletableFuture<EmbeddingModel> model, Supplier<BatchEncoder> batchLoader) {
        this.name = name;
        this.model = model;
        this.batchLoader = batchLoader;
    }

    /**
     * The configured model, or null when vectors are off: turned off, or a site in another language than English
     * without a model of its own. Loading takes about a second.
     */
    public static Embeddings from(Config config) {
        String name = modelName(config);
        if (name == null) {
            Language language = Language.of(config.get(Setting.LANGUAGE));
            if (config.getBoolean(Setting.SEARCH_VECTORS)) {
                log.info("Semantic search is off: the built-in model knows English only, and the site is in {}; "
                        + "name a model of that language with search.vectors.model to turn it on",
                        language.displayName());
            }
            return null;
        }
        // DJL, which reads the tokenizer, would otherwise call an outside address to count its users
        System.setProperty("OPT_OUT_TRACKING", "true");
        long started = System.nanoTime();
        String modelFile = config.get(Setting.SEARCH_VECTORS_MODEL).strip();
        Path tokenizer = Path.of(config.get(Setting.SEARCH_VECTORS_TOKENIZER).strip());
        PoolingMode pooling = pooling(config);
        CompletableFuture<EmbeddingModel> model = new CompletableFuture<>();
        Thread.ofPlatform().name("search-model").daemon().start(() -> {
            try {
                EmbeddingModel loaded = modelFile.isEmpty() ? new AllMiniLmL6V2QuantizedEmbeddingModel()
                        : new OnnxEmbeddingModel(Path.of(modelFile), tokenizer, pooling);
                model.complete(loaded);
                log.info("Semantic search uses the model {} ({} dimensions), loaded in {} ms in the background", name,
                        loaded.dimension(), (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                log.error("Semantic search is off: the model could not be loaded", e);
                model.completeExceptionally(e);
            }
        });
        boolean cls = !modelFile.isEmpty() && pooling(config) == PoolingMode.CLS;
        Supplier<BatchEncoder> batches = () -> {
            try (InputStream tokens = modelFile.isEmpty() ? resource(BUILT_IN + "-tokenizer.json")
                    : Files.newInputStream(tokenizer)) {
                byte[] onnx = modelFile.isEmpty() ? resource(BUILT_IN + ".onnx").readAllBytes()
                        : Files.readAllBytes(Path.of(modelFile));
                return new BatchEncoder(onnx, tokens, cls, BatchEncoder.backgroundThreads());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return new Embeddings(name, model, batches);
    }

    /**
     * The name the configured model's vectors are stored under, without loading it; null when vectors are off:
     * turned off, or a site in another language than English without a model of its own.
     */
    public static String modelName(Config config) {
        if (!config.getBoolean(Setting.SEARCH_VECTORS)) {
            return null;
        }
        String modelFile = config.get(Setting.SEARCH_VECTORS_MODEL).strip();
        if (modelFile.isEmpty()) {
            return Language.of(config.get(Setting.LANGUAGE)) == Language.EN ? BUILT_IN : null;
        }
        Path model = Path.of(modelFile);
        Path tokenizer = Path.of(config.get(Setting.SEARCH_VECTORS_TOKENIZER).strip());
        if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizer)) {
            throw new IllegalStateException("search.vectors.model and search.vectors.tokenizer must name existing "
                    + "files: " + model.toAbsolutePath() + ", " + tokenizer.toAbsolutePath());
        }
        return model.getFileName() + "-" + pooling(config).name().toLowerCase(Locale.ROOT) + "-" + shortHash(model);
    }

    private static PoolingMode pooling(Config config) {
        String pooling = config.get(Setting.SEARCH_VECTORS_POOLING);
        return switch (pooling.strip().toLowerCase(Locale.ROOT)) {
            case "cls" -> PoolingMode.CLS;
            case "mean" -> PoolingMode.MEAN;
            default -> throw new IllegalStateException("search.vectors.pooling must be mean or cls, not " + pooling);
        };
    }

    /** The first 12 hex digits of the file's SHA-256: another file under the same name is another model. */
    private static String shortHash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model's name as stored with each vector. */
    public String name() { return name; }

    /** True once the model is loaded (see {@link #embedQuery}). */
    boolean loaded() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** Waits for the model to be loaded. */
    int dimensions() { return model.join().dimension(); }

    /** The unit-length vector of the text; waits for the model to be loaded (the background's work). */
    public float[] embed(String text) {
        return model.join().embed(text).content().vector();
    }

    /**
     * The unit-length vectors of many texts, in their order: several per call to the model, on the background's own
     * threads (see {@link BatchEncoder}); for the worker, one thread at a time.
     */
    synchronized List<float[]> embedAll(List<String> texts) {
        if (batchLoader == null || texts.size() < FEW) {
            return texts.stream().map(this::embed).toList();
        }
        if (batches == null) {
            batches = batchLoader.get();
        }
        return batches.embed(texts);
    }

    /**
     * Frees the batches' ONNX session (its model and memory outside the heap) once the background has caught up:
     * after that a question or two at a time is the usual work, done one text at a time; a large batch loads it again.
     */
    synchronized void releaseBatches() {
        if (batches != null) {
            batches.close();
            batches = null;
        }
    }

    /** A file the built-in model's artifact ships. */
    static InputStream resource(String name) {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException("The built-in model's artifact lacks " + name);
        }
        return in;
    }

    /** The vector of a typed query, kept for a while; null while the model is being loaded (or could not be). */
    float[] embedQuery(String text) {
        if (!loaded()) {
            return null;
        }
        return recent.get(text, this::embed);
    }

    /** What is embedded of a question: its title and the start of its text. */
    static String questionText(String title, String plainBody) {
        String body = plainBody == null ? "" : plainBody.strip().replaceAll("\\s+", " ");
        if (body.length() > BODY_CHARS) {
            int cut = body.lastIndexOf(' ', BODY_CHARS);
            body = body.substring(0, cut > BODY_CHARS / 2 ? cut : BODY_CHARS);
        }
        return body.isEmpty() ? title : title + "\n" + body;
    }

    static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /** A vector as stored in question_vectors. */
    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
