package townhall.docs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled classes keep the package graph that ARCHITECTURE.md draws: imports only run downwards. */
class ArchitectureTest {
    private static final Pattern LAYERS = Pattern.compile("```layers\\n(.*?)```", Pattern.DOTALL);

    private static JavaClasses classes;
    /** Each package of the graph and its line, counted from the bottom. */
    private static Map<String, Integer> levels;

    @BeforeAll
    static void read() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("townhall");
        levels = levels(Files.readString(Path.of("ARCHITECTURE.md")));
    }

    static Map<String, Integer> levels(String markdown) {
        Matcher block = LAYERS.matcher(markdown);
        assertThat(block.find()).as("ARCHITECTURE.md has a ```layers block").isTrue();
        List<String> lines = block.group(1).lines().filter(line -> !line.isBlank()).toList();
        Map<String, Integer> levels = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String names = lines.get(i).split("\\|", 2)[0];
            for (String name : names.split(",")) {
                levels.put(name.trim(), lines.size() - i);
            }
        }
        return levels;
    }

    /** {@code townhall.qa.PostStore} and {@code townhall.db.schema.Tables}: qa and db; the root class: townhall. */
    static String featureOf(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length == 1 ? parts[0] : parts[1];
    }

    @Test
    void everyPackageHasItsPlaceInTheGraph() {
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass type : classes) {
            String feature = featureOf(type.getPackageName());
            if (!levels.containsKey(feature)) {
                unplaced.add(feature);
            }
        }
        assertThat(unplaced).as("packages missing from ARCHITECTURE.md's layers").isEmpty();
        assertThat(levels).containsKeys("web", "app", "qa", "notify", "outbox");
    }

    @Test
    void noPackageImportsOneOnItsOwnLineOrAbove() {
        List<String> upwards = new ArrayList<>();
        for (JavaClass type : classes) {
            String from = featureOf(type.getPackageName());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith("townhall")) {
                    continue;
                }
                String to = featureOf(target.getPackageName());
                if (!from.equals(to) && levels.containsKey(from) && levels.containsKey(to)
                        && levels.get(to) >= levels.get(from)) {
                    upwards.add(type.getName() + " -> " + target.getName());
                }
            }
        }
        assertThat(upwards.stream().distinct().sorted().toList()).as("imports that do not run downwards").isEmpty();
    }

    @Test
    void noPackagesImportEachOtherInACircle() {
        slices().matching("townhall.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theGraphIsReadAsDrawnTopToBottom() {
        Map<String, Integer> sample = levels("```layers\napp | top\nqa, faq | middle\nweb | bottom\n```");
        assertThat(sample).containsEntry("app", 3).containsEntry("qa", 2).containsEntry("faq", 2).containsEntry("web", 1);
        assertThat(featureOf("townhall.db.schema.tables")).isEqualTo("db");
        assertThat(featureOf("townhall")).isEqualTo("townhall");
    }
}
