package org.icl.app.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.typesafe.config.ConfigFactory;

import org.icl.app.wiring.PluginCatalog;
import org.icl.app.wiring.PluginOrigin;
import org.junit.jupiter.api.Test;

/** Every setting has its one description, and the README's config reference is the text generated from those descriptions. */
class ConfigReferenceTest {

    private static final PluginCatalog CATALOG = PluginCatalog.discover(ConfigReferenceTest.class.getClassLoader());

    @Test
    void everyRegisteredTypeAndSettingHasADescription() {
        List<PluginDoc> docs = PluginDocs.all(CATALOG);
        assertFalse(docs.isEmpty());
        List<String> problems = new ArrayList<>();
        for (PluginDoc doc : docs) {
            problems.addAll(doc.problems());
        }
        for (SettingDoc key : PluginDocs.runKeys(CATALOG.reference())) {
            if (key.text().isEmpty()) {
                problems.add("icl.run." + key.key() + " has no # comment directly above it in app's reference.conf");
            }
        }
        assertTrue(problems.isEmpty(), "undocumented:\n" + String.join("\n", problems));
    }

    @Test
    void readmeConfigReferenceIsTheGeneratedOne() throws IOException {
        Path readme = Path.of(System.getProperty("icl.root", ".."), "README.md");
        String document = Files.readString(readme, StandardCharsets.UTF_8);
        String generated = ConfigReferenceMarkdown.render(PluginDocs.runKeys(CATALOG.reference()), PluginDocs.all(CATALOG));
        assertEquals(generated, ConfigReferenceMarkdown.section(document, readme.toString()),
                "README.md's config reference differs from the reference.conf comments it is generated from; "
                        + "regenerate it from the project root with: " + ConfigReferenceMarkdown.COMMAND);
    }

    @Test
    void aSettingWithoutCommentIsReported() {
        var block = ConfigFactory.parseString(
                "# the type\nx {\n  # documented\n  a = 1\n\n  b = 2\n  # nested block, listed key by key\n"
                        + "  c { # inner\n d = 3 }\n  # another plugin's block is one setting\n  inner { type = y, e = 4 }\n"
                        + "  # a map whose keys the user chooses is one setting\n  free = {}\n}\n")
                .getObject("x");
        List<SettingDoc> settings = PluginDocs.settings(block, "");
        assertEquals(List.of("a", "b", "c.d", "inner", "free"), settings.stream().map(SettingDoc::key).toList());
        assertEquals("{}", settings.get(4).defaultValue());
        assertEquals("documented", settings.get(0).text());
        assertEquals("", settings.get(1).text(), "a blank line between comment and key detaches the comment");
        assertEquals("{ type = y, e = 4 }", settings.get(3).defaultValue());
        PluginDoc doc = new PluginDoc(PluginCatalog.Kind.TASK, "x",
                new PluginOrigin(Path.of("x.jar"), true), PluginDocs.comments(block), settings);
        assertEquals("the type", doc.summary());
        assertEquals(1, doc.problems().size(), doc.problems().toString());
        assertTrue(doc.problems().get(0).contains("setting b") && doc.problems().get(0).contains("x.jar"),
                doc.problems().toString());
    }
}
