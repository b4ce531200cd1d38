package townhall.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The same model as {@link Embeddings} reads one text at a time, run on many texts per call, for the background
 * work of computing questions' vectors: one ONNX call for a batch of texts (of about the same length, so that little
 * is padding), each cut to {@link #MAX_TOKENS} tokens (title and the start of the text fit in fewer), on its own
 * ONNX session limited to {@link #threads} threads, so that the site keeps the other core while a whole community's
 * vectors are computed. Mean or CLS pooling, then unit length, as langchain4j does for one text. Not thread-safe
 * for the tokenizer's sake: one worker uses it.
 */
final class BatchEncoder implements AutoCloseable {
    /**
     * The most tokens read of a text: the title and the first words of the text. The cost grows with the tokens (on
     * the beer dump, in batches on one thread: 16.0 ms of CPU a question at 128 tokens, 7.6 at 48, 5.2 at 32), while
     * on the dump's 117 linked-question pairs finding the linked one by meaning was as good at 32 tokens as at 128
     * (MRR@10 0.276 and 0.272; bench/src's VectorTextLength, bench/BENCHMARKS.md).
     */
    static final int MAX_TOKENS = 32;
    /** Texts per ONNX call. */
    static final int BATCH = 16;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean cls;
    private final boolean typeIds;
    private final int batch;

    BatchEncoder(byte[] model, InputStream tokenizerJson, boolean clsPooling, int threads) {
        this(model, tokenizerJson, clsPooling, threads, MAX_TOKENS, BATCH);
    }

    /** With another limit of tokens a text and of texts a call (the timing benchmark compares them). */
    BatchEncoder(byte[] model, InputStream tokenizerJson, boolean clsPooling, int threads, int maxTokens, int batch) {
        this.batch = batch;
        try {
            this.environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                this.session = environment.createSession(model, options);
            }
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "true",
                    "truncation", "true", "maxLength", String.valueOf(maxTokens)));
            this.cls = clsPooling;
            this.typeIds = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("The model cannot be loaded for batches: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many threads the background's ONNX session uses: half the cores (one on a two-core machine). */
    static int backgroundThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** The unit-length vectors of the texts, in their order. */
    List<float[]> embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<Integer> byLength = new ArrayList<>(IntStream.range(0, texts.size()).boxed().toList());
        byLength.sort(Comparator.comparingInt(i -> texts.get(i).length()));
        for (int from = 0; from < byLength.size(); from += batch) {
            List<Integer> call = byLength.subList(from, Math.min(byLength.size(), from + batch));
            List<float[]> vectors = run(call.stream().map(texts::get).toList());
            for (int i = 0; i < call.size(); i++) {
                out[call.get(i)] = vectors.get(i);
            }
        }
        return List.of(out);
    }

    private List<float[]> run(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int n = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[n * length];
        long[] mask = new long[n * length];
        long[] types = new long[n * length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * length, length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
            System.arraycopy(encodings[i].getTypeIds(), 0, types, i * length, length);
        }
        long[] shape = {n, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] states = (float[][][]) result.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    vectors.add(normalize(pool(states[i], mask, i * length, length)));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("The model failed on a batch: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens, long[] mask, int offset, int length) {
        if (cls) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        int count = 0;
        for (int t = 0; t < length; t++) {
            if (mask[offset + t] == 1) {
                count++;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += tokens[t][d];
                }
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, count);
        }
        return sum;
    }

    private static float[] normalize(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.max(1e-12, Math.sqrt(norm)));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= scale;
        }
        return vector;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing at shutdown: nothing left to do
        }
        tokenizer.close();
    }
}
