package org.icl.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.app.wiring.PluginCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layering of --set overrides, the user's file, run defaults and plugin defaults, with origins, and the key checks. */
class RunConfigLoaderTest {

    private static RunConfigLoader loader;

    @TempDir
    Path dir;

    @BeforeAll
    static void discover() {
        ClassLoader classes = RunConfigLoaderTest.class.getClassLoader();
        loader = new RunConfigLoader(ConfigFactory.defaultReference(classes), PluginCatalog.discover(classes));
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("run.conf"), text);
    }

    private Config complete(List<String> overrides, String fileText) throws IOException {
        return loader.complete(List.of(RunConfigLoader.parseOverrides(overrides), RunConfigLoader.parseFile(file(fileText))));
    }

    @Test
    void setBeatsFileBeatsDefaults() throws IOException {
        Config config = complete(List.of("trainer.steps=7"), "trainer { steps = 5, batch-size = 9 }\n");
        assertEquals(7, config.getInt("trainer.steps"), "--set over the file");
        assertEquals(9, config.getInt("trainer.batch-size"), "the file over the defaults");
        assertEquals(0.01, config.getDouble("trainer.learning-rate"), "plugin default");
        assertEquals("adam", config.getString("trainer.type"), "run default type");
        assertEquals(1, config.getLong("seed"), "run default");
    }

    @Test
    void laterOverrideBeatsEarlierOne() {
        Config overrides = RunConfigLoader.parseOverrides(List.of("trainer.steps=7", "trainer.steps=8", "seed=4"));
        assertEquals(8, overrides.getInt("trainer.steps"));
        Config config = loader.complete(List.of(overrides));
        assertEquals(8, config.getInt("trainer.steps"));
        assertEquals(4, config.getLong("seed"));
    }

    @Test
    void pluginDefaultsFillEveryUnspecifiedKeyOfTheChosenType() throws IOException {
        Config config = complete(List.of(), "task { d = 4 }\ntrainer { type = sgd }\n");
        assertEquals(4, config.getInt("task.d"));
        assertEquals(20, config.getInt("task.n"));
        assertEquals(0.3, config.getDouble("task.eta"));
        assertTrue(config.getBoolean("task.cot"));
        assertEquals(0.05, config.getDouble("model.init-scale"));
        assertTrue(config.getBoolean("model.causal"));
        assertEquals(0.0, config.getDouble("trainer.momentum"), "sgd's own default");
        assertFalse(config.hasPath("trainer.beta1"), "adam's keys stay out of an sgd block");
        assertEquals(3000, config.getInt("trainer.steps"));
    }

    @Test
    void emptyConfigCompletesToTheDefaults() {
        Config config = loader.complete(List.of(ConfigFactory.empty()));
        assertEquals("weight-prediction", config.getString("task.type"));
        assertEquals("linear-attention", config.getString("model.type"));
        assertEquals("adam", config.getString("trainer.type"));
        assertEquals(10, config.getInt("task.d"));
        assertEquals(0.9, config.getDouble("trainer.beta1"));
    }

    @Test
    void originsNameTheOverrideTheFileLineAndTheDefaults() throws IOException {
        Config config = complete(List.of("trainer.steps=7"), "seed = 3\ntrainer {\n  batch-size = 9\n}\n");
        Settings trainer = new Settings(config, "").child("trainer");
        assertTrue(trainer.originOf("steps").contains("--set trainer.steps=7"), trainer.originOf("steps"));
        assertTrue(trainer.originOf("batch-size").endsWith("run.conf:3"), trainer.originOf("batch-size"));
        assertTrue(trainer.originOf("learning-rate").contains("reference.conf"), trainer.originOf("learning-rate"));
        assertTrue(new Settings(config, "").originOf("seed").endsWith("run.conf:1"));
    }

    @Test
    void overrideOriginAppearsInAnInvalidValueMessage() throws IOException {
        Config config = complete(List.of("task.eta=-1"), "task.d = 3\n");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new Settings(config, "").child("task").positive("eta"));
        assertTrue(e.getMessage().startsWith("task.eta = -1 (--set task.eta=-1"), e.getMessage());
    }

    @Test
    void substitutionsResolveAcrossLayers() throws IOException {
        Config config = complete(List.of("trainer.steps=40"), "trainer.eval-every = ${trainer.steps}\n");
        assertEquals(40, config.getInt("trainer.eval-every"));
    }

    @Test
    void unknownKeysAreRejectedAtEveryLevel() throws IOException {
        InvalidSettingException top = assertThrows(InvalidSettingException.class, () -> complete(List.of(), "sead = 3\n"));
        assertTrue(top.getMessage().startsWith("sead (") && top.getMessage().contains("Did you mean seed?"), top.getMessage());
        InvalidSettingException plugin = assertThrows(InvalidSettingException.class,
                () -> complete(List.of(), "\nmodel { init-scael = 0.1 }\n"));
        assertTrue(plugin.getMessage().startsWith("model.init-scael (") && plugin.getMessage().contains("run.conf:2")
                && plugin.getMessage().contains("Did you mean model.init-scale?"), plugin.getMessage());
        InvalidSettingException override = assertThrows(InvalidSettingException.class,
                () -> complete(List.of("task.kk=3"), "seed = 1\n"));
        assertTrue(override.getMessage().contains("task.kk") && override.getMessage().contains("--set"), override.getMessage());
    }

    @Test
    void unknownTypeIsRejectedWithTheKnownTypes() throws IOException {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> complete(List.of(), "task.type = weight-predction\n"));
        assertTrue(e.getMessage().contains("task.type") && e.getMessage().contains("run.conf:1")
                && e.getMessage().contains("Did you mean 'weight-prediction'?")
                && e.getMessage().contains("Known task types: icl-regression, tree-path, weight-prediction"), e.getMessage());
    }

    @Test
    void parseErrorsAreInvalidSettings() throws IOException {
        Path missing = dir.resolve("missing.conf");
        InvalidSettingException absent = assertThrows(InvalidSettingException.class, () -> RunConfigLoader.parseFile(missing));
        assertTrue(absent.getMessage().contains("missing.conf"), absent.getMessage());
        assertThrows(InvalidSettingException.class, () -> RunConfigLoader.parseOverrides(List.of("seed")));
        assertThrows(InvalidSettingException.class, () -> RunConfigLoader.parseOverrides(List.of("seed={")));
        Path broken = file("seed = 1\ntask { d = }\n");
        InvalidSettingException syntax = assertThrows(InvalidSettingException.class, () -> RunConfigLoader.parseFile(broken));
        assertTrue(syntax.getMessage().contains("run.conf:2: "), syntax.getMessage());
    }

    // ---- nested plugin blocks ----------------------------------------------------------------------

    @Test
    void nestedPluginBlockIsCompletedFromItsOwnTypesDefaults() throws IOException {
        Config config = complete(List.of("model.layer.causal=false"), "model { type = looped, loops = 4, layer { init-scale = 0.02 } }\n");
        assertEquals(4, config.getInt("model.loops"));
        assertEquals(0, config.getInt("model.truncate"), "looped default");
        assertEquals("linear-attention", config.getString("model.layer.type"), "the declared default layer type");
        assertEquals(0.02, config.getDouble("model.layer.init-scale"));
        assertFalse(config.getBoolean("model.layer.causal"), "--set reaches into the nested block");
        assertEquals(List.of(), config.getStringList("model.layer.trainable"), "linear-attention default");
        Settings layer = new Settings(config, "").child("model").child("layer");
        assertTrue(layer.originOf("init-scale").endsWith("run.conf:1"), layer.originOf("init-scale"));
        assertTrue(layer.originOf("trainable").contains("reference.conf"), layer.originOf("trainable"));
    }

    @Test
    void nestedBlocksNestToAnyDepth() throws IOException {
        Config config = complete(List.of(), "model { type = looped, layer { type = looped, loops = 2 } }\n");
        assertEquals(2, config.getInt("model.layer.loops"));
        assertEquals(10, config.getInt("model.loops"));
        assertEquals("linear-attention", config.getString("model.layer.layer.type"));
        assertEquals(0.05, config.getDouble("model.layer.layer.init-scale"));
    }

    @Test
    void misspeltNestedKeyIsNamedInFullWithItsOriginAndTheNearestKey() throws IOException {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> complete(List.of(), "model {\n  type = looped\n  layer { init-scael = 0.02 }\n}\n"));
        assertTrue(e.getMessage().startsWith("model.layer.init-scael (") && e.getMessage().contains("run.conf:3")
                && e.getMessage().contains("Did you mean model.layer.init-scale?")
                && e.getMessage().contains("Valid keys in model.layer: causal, fixed, init-scale, trainable, type"),
                e.getMessage());
        InvalidSettingException override = assertThrows(InvalidSettingException.class,
                () -> complete(List.of("model.layer.causl=false"), "model.type = looped\n"));
        assertTrue(override.getMessage().startsWith("model.layer.causl (--set model.layer.causl=false)"), override.getMessage());
    }

    @Test
    void unknownNestedTypeListsTheKnownTypes() throws IOException {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> complete(List.of(), "model { type = looped\nlayer.type = linear-atention }\n"));
        assertTrue(e.getMessage().startsWith("model.layer.type = \"linear-atention\" (") && e.getMessage().contains("run.conf:2")
                && e.getMessage().contains("Did you mean 'linear-attention'?")
                && e.getMessage().contains("Known model types: linear-attention, looped"), e.getMessage());
        InvalidSettingException notAnObject = assertThrows(InvalidSettingException.class,
                () -> complete(List.of(), "model { type = looped, layer = linear-attention }\n"));
        assertTrue(notAnObject.getMessage().startsWith("model.layer = \"linear-attention\"")
                && notAnObject.getMessage().contains("expected an object"), notAnObject.getMessage());
    }

    @Test
    void aKeyOfTheLayerIsUnknownAtTheLoopedLevel() throws IOException {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> complete(List.of(), "model { type = looped, init-scale = 0.02 }\n"));
        assertTrue(e.getMessage().startsWith("model.init-scale (") && e.getMessage().contains("Valid keys in model: "),
                e.getMessage());
    }

    @Test
    void anEmptyDefaultObjectTakesKeysTheUserChooses() throws IOException {
        Config config = complete(List.of(), "model { fixed { \"W:y,const\" = -1 }, trainable = [\"V:w,x\"] }\n");
        assertEquals(-1.0, config.getDouble("model.fixed.\"W:y,const\""));
    }
}
