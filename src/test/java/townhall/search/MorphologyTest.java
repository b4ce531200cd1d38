package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.search.Searching.awaitSearch;
import static townhall.search.Searching.search;
import static townhall.search.Searching.titles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Search finds other forms of a word, in the site's language: English, Russian and Czech. */
class MorphologyTest {
    @RegisterExtension
    static final TownhallServer english = new TownhallServer().with(Setting.LANGUAGE, "en");
    @RegisterExtension
    static final TownhallServer russian = new TownhallServer().with(Setting.LANGUAGE, "ru");
    @RegisterExtension
    static final TownhallServer czech = new TownhallServer().with(Setting.LANGUAGE, "cs");

    private static WebClient askerOn(TownhallServer server, String... questions) {
        Community community = new Community(server);
        WebClient asker = community.member("asker");
        for (String question : questions) {
            community.ask(asker, question, question + " — подробности, podrobnosti, details here.", "test");
        }
        awaitSearch(asker, "details", t -> t.size() == questions.length);
        return asker;
    }

    @Test
    void englishStemsInflectionsAndPossessives() {
        WebClient asker = askerOn(english,
                "Connecting two phones at once",
                "The battery's charge indicator is wrong",
                "Headphones paired but no sound");
        assertThat(titles(search(asker, "connect"))).containsExactly("Connecting two phones at once");
        assertThat(titles(search(asker, "connection"))).containsExactly("Connecting two phones at once");
        assertThat(titles(search(asker, "batteries charging"))).containsExactly("The battery's charge indicator is wrong");
        assertThat(titles(search(asker, "pairing headphone"))).containsExactly("Headphones paired but no sound");
        assertThat(titles(search(asker, "the and of"))).isEmpty(); // stop words alone find nothing
    }

    @Test
    void russianFindsOtherFormsAndWordsOfOneFamily() {
        WebClient asker = askerOn(russian,
                "Подключение наушников к ноутбуку",
                "Как настроить эквалайзер в приложении?",
                "Зарядка кейса занимает всю ночь",
                "Ещё одно обновление прошивки");
        assertThat(titles(search(asker, "подключить наушники"))).first().isEqualTo("Подключение наушников к ноутбуку");
        assertThat(titles(search(asker, "подключения"))).containsExactly("Подключение наушников к ноутбуку");
        assertThat(titles(search(asker, "настройка эквалайзера"))).first().isEqualTo("Как настроить эквалайзер в приложении?");
        assertThat(titles(search(asker, "зарядить кейс"))).first().isEqualTo("Зарядка кейса занимает всю ночь");
        assertThat(titles(search(asker, "обновить прошивку"))).first().isEqualTo("Ещё одно обновление прошивки");
        assertThat(titles(search(asker, "еще обновление"))).first().isEqualTo("Ещё одно обновление прошивки");
    }

    @Test
    void czechFindsOtherFormsWithAndWithoutAccents() {
        WebClient asker = askerOn(czech,
                "Připojení sluchátek k notebooku",
                "Jak nastavit ekvalizér v aplikaci?",
                "Aktualizace firmwaru se zasekla");
        assertThat(titles(search(asker, "připojit sluchátka"))).first().isEqualTo("Připojení sluchátek k notebooku");
        assertThat(titles(search(asker, "pripojeni sluchatek"))).first().isEqualTo("Připojení sluchátek k notebooku");
        assertThat(titles(search(asker, "nastavení ekvalizéru"))).first().isEqualTo("Jak nastavit ekvalizér v aplikaci?");
        assertThat(titles(search(asker, "aktualizovat firmware"))).first().isEqualTo("Aktualizace firmwaru se zasekla");
    }
}
