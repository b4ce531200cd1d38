package townhall.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * The languages search understands, each with the stop words and stemmer of Lucene's own analyzer for it.
 * Russian and Czech also get a "loose" form (the stem cut to a few letters) that joins words of one family
 * their stemmers keep apart, such as "подключить" and "подключение", or "připojit" and "připojení".
 */
public enum Language {
    EN("en", "English", Locale.ENGLISH, 0) {
        @Override
        CharArraySet stopWords() { return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET; }

        @Override
        TokenStream stem(TokenStream in) { return new PorterStemFilter(in); }
    },
    RU("ru", "Russian", Locale.of("ru"), 5) {
        @Override
        CharArraySet stopWords() { return RussianAnalyzer.getDefaultStopSet(); }

        @Override
        TokenStream stem(TokenStream in) { return new SnowballFilter(in, new RussianStemmer()); }
    },
    CS("cs", "Czech", Locale.of("cs"), 5) {
        @Override
        CharArraySet stopWords() { return CzechAnalyzer.getDefaultStopSet(); }

        @Override
        TokenStream stem(TokenStream in) { return new CzechStemFilter(in); }
    };

    private final String code;
    private final String displayName;
    private final Locale locale;
    private final int looseLength;

    Language(String code, String displayName, Locale locale, int looseLength) {
        this.code = code;
        this.displayName = displayName;
        this.locale = locale;
        this.looseLength = looseLength;
    }

    abstract CharArraySet stopWords();

    abstract TokenStream stem(TokenStream in);

    /**
     * Words that carry no subject beyond the stop words search drops ("how", "my", "when", "does"): a search keeps
     * them (they can tell two titles apart), but they are not marked in the results, where a marked "when" or "my"
     * reads as a match that is none.
     */
    List<String> fillerWords() {
        return switch (this) {
            case EN -> List.of("i", "i'm", "im", "me", "my", "mine", "myself", "we", "us", "our", "you", "your", "he",
                    "she", "him", "her", "his", "its", "them", "what", "which", "who", "whom", "whose", "when",
                    "where", "why", "how", "do", "does", "did", "doing", "done", "don't", "doesn't", "didn't", "can",
                    "can't", "cannot", "could", "would", "should", "shall", "may", "might", "must", "have", "has",
                    "had", "having", "am", "been", "being", "get", "gets", "got", "from", "about", "after", "before",
                    "again", "also", "all", "any", "some", "so", "than", "too", "very", "just", "only", "own", "same",
                    "here", "once", "more", "most", "other", "each", "few", "both", "while", "because", "anyone",
                    "anything", "someone", "something", "ever", "still", "even", "now", "way", "there", "please",
                    "anybody", "somebody", "thanks", "hi", "hello");
            case RU -> List.of("почему", "как", "когда", "где", "что", "можно", "нужно", "мой", "моя", "моё", "мои",
                    "это", "этот", "эта", "эти", "который", "которая", "которые", "ли", "уже", "очень", "пожалуйста",
                    "спасибо", "здравствуйте");
            case CS -> List.of("proč", "jak", "kdy", "kde", "co", "můj", "moje", "moji", "mám", "jsem", "je", "lze",
                    "prosím", "děkuji", "nějak", "už", "velmi", "který", "která", "které");
        };
    }

    public String code() { return code; }

    public String displayName() { return displayName; }

    public Locale locale() { return locale; }

    /** How many letters of a stem the loose form keeps; 0 when the language has no loose form. */
    int looseLength() { return looseLength; }

    boolean hasLooseForm() { return looseLength > 0; }

    /**
     * Numbers and their words as synonym rules ("2, two"), so that "2 earbuds" finds "two earbuds" and the other way
     * round; applied when a search is read, before staff's own synonyms.
     */
    List<String> numberRules() {
        String[][] words = switch (this) {
            case EN -> new String[][] {{"zero"}, {"one"}, {"two"}, {"three"}, {"four"}, {"five"}, {"six"}, {"seven"},
                    {"eight"}, {"nine"}, {"ten"}, {"eleven"}, {"twelve"}};
            case RU -> new String[][] {{"ноль"}, {"один", "одна", "одно"}, {"два", "две", "двух"}, {"три", "трёх"},
                    {"четыре", "четырёх"}, {"пять"}, {"шесть"}, {"семь"}, {"восемь"}, {"девять"}, {"десять"},
                    {"одиннадцать"}, {"двенадцать"}};
            case CS -> new String[][] {{"nula"}, {"jeden", "jedna", "jedno"}, {"dva", "dvě"}, {"tři"}, {"čtyři"},
                    {"pět"}, {"šest"}, {"sedm"}, {"osm"}, {"devět"}, {"deset"}, {"jedenáct"}, {"dvanáct"}};
        };
        List<String> rules = new java.util.ArrayList<>();
        for (int n = 0; n < words.length; n++) {
            rules.add(n + ", " + String.join(", ", words[n]));
        }
        return rules;
    }

    /** The language of a setting's value ("en", "ru", "cs"). */
    public static Language of(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("TOWNHALL_SITE_LANGUAGE must be one of "
                        + Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", "))
                        + ", not '" + code + "'"));
    }
}
