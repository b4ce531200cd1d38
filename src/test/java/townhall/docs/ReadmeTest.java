package townhall.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import townhall.config.Setting;

/** The README's configuration table names every setting with its default, so operators can trust it. */
class ReadmeTest {
    @Test
    void everySettingIsDocumentedWithItsKeyAndDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting setting : Setting.values()) {
            String defaultCell = setting.defaultValue().isEmpty() ? "*(empty)*" : "`" + setting.defaultValue() + "`";
            assertThat(readme).as(setting.env())
                    .contains("| `" + setting.env() + "` | `" + setting.key() + "` | " + defaultCell + " |");
        }
    }
}
