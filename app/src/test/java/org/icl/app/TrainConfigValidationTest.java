package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl train} rejects bad configs with exit code 2 and a message naming the key, its origin and what was expected. */
class TrainConfigValidationTest {

    @TempDir
    Path dir;

    /**
     * A tiny valid config with {@code line} as its line 3, after the plugin blocks, so that it
     * overrides them; if validation missed the fault the run would still be short.
     */
    private Path configWithLine3(String line) {
        return Cli.write(dir, "bad.conf",
                Cli.TINY_TASK + ", " + Cli.TINY_MODEL + "\n" + Cli.TINY_TRAINER + "\n" + line + "\n");
    }

    private Cli.Result train(Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "-o", dir.resolve("out").toString(), "-q"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Asserts exit 2, no training output, and that stderr holds every fragment (case-insensitively). */
    private void assertRejected(Cli.Result result, String... fragments) {
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("icl: "), result.toString());
        for (String fragment : fragments) {
            assertTrue(result.err().toLowerCase().contains(fragment.toLowerCase()),
                    "stderr lacks '" + fragment + "':\n" + result);
        }
        assertFalse(Files.exists(dir.resolve("out")), "the output directory was created despite the error");
    }

    @Test
    void misspeltKeyInPluginBlockIsNamedWithFileLineAndSuggestion() {
        Cli.Result result = train(configWithLine3("task.etta = 0.3"));
        assertRejected(result, "task.etta", "bad.conf:3", "unknown key", "did you mean task.eta");
    }

    @Test
    void misspeltKeyInsideBracesIsNamedWithItsOwnLine() {
        Path config = Cli.write(dir, "bad.conf", "seed = 1\ntask {\n  etta = 0.3\n}\n");
        assertRejected(train(config), "task.etta", "bad.conf:3", "did you mean task.eta");
    }

    @Test
    void misspeltKeyInANestedPluginBlockIsNamedInFull() {
        Path config = Cli.write(dir, "bad.conf", "seed = 1\nmodel {\n  type = looped\n  layer {\n    init-scael = 0.02\n  }\n}\n");
        assertRejected(train(config), "model.layer.init-scael", "bad.conf:5", "unknown key",
                "did you mean model.layer.init-scale");
    }

    @Test
    void badValueInANestedPluginBlockIsNamedInFull() {
        Cli.Result result = train(configWithLine3("model { type = looped, loops = 2, layer.init-scale = -1 }"));
        assertRejected(result, "model.layer.init-scale = -1", "bad.conf:3", "a number in [0, 10]");
    }

    @Test
    void unknownBlockInTrainableEntriesIsRejected() {
        Cli.Result result = train(configWithLine3("model.trainable = [\"V:w,q\"]"));
        assertRejected(result, "model.trainable", "bad.conf:3", "'q' is not a block", "x, y, w, const");
    }

    @Test
    void misspeltTopLevelKeyIsNamedWithSuggestion() {
        Cli.Result result = train(configWithLine3("trainr { steps = 5 }"));
        assertRejected(result, "trainr", "bad.conf:3", "unknown key", "did you mean trainer");
    }

    @Test
    void wrongTypeNamesKeyOriginAndExpectedType() {
        Cli.Result result = train(configWithLine3("task.d = \"ten\""));
        assertRejected(result, "task.d", "bad.conf:3", "an integer");
    }

    @Test
    void outOfRangeValueNamesKeyOriginAndRange() {
        Cli.Result result = train(configWithLine3("task.eta = -0.1"));
        assertRejected(result, "task.eta", "bad.conf:3", "> 0");
    }

    @Test
    void fractionalIntegerIsRejected() {
        Cli.Result result = train(configWithLine3("task.n = 2.5"));
        assertRejected(result, "task.n", "2.5", "bad.conf:3", "an integer");
    }

    @Test
    void outOfRangeTrainerSettingIsRejected() {
        Cli.Result result = train(configWithLine3("trainer.batch-size = 0"));
        assertRejected(result, "trainer.batch-size", "bad.conf:3", "in [1, 1000000]");
    }

    @Test
    void unknownPluginTypeListsKnownTypes() {
        Cli.Result result = train(configWithLine3("model.type = transformerz"));
        assertRejected(result, "model.type", "transformerz", "bad.conf:3", "unknown model type", "linear-attention");
    }

    @Test
    void misspeltPluginTypeSuggestsTheNearestType() {
        Cli.Result result = train(configWithLine3("trainer.type = adma"));
        assertRejected(result, "trainer.type", "bad.conf:3", "did you mean 'adam'", "sgd");
    }

    @Test
    void keyOfAnotherPluginTypeIsUnknownForTheChosenType() {
        // momentum belongs to sgd, not to adam
        Cli.Result result = train(configWithLine3("trainer.momentum = 0.9"));
        assertRejected(result, "trainer.momentum", "bad.conf:3", "unknown key", "valid keys in trainer");
    }

    @Test
    void pluginBlockThatIsNotAnObjectIsRejected() {
        Path config = Cli.write(dir, "bad.conf", "seed = 1\n\ntask = 3\n");
        assertRejected(train(config), "task", "bad.conf:3", "an object");
    }

    @Test
    void badOverrideNamesTheSetOrigin() {
        Path config = Cli.write(dir, "good.conf", Cli.TINY_RUN);
        Cli.Result result = train(config, "--set", "task.eta=-1");
        assertRejected(result, "task.eta", "--set", "> 0");
    }

    @Test
    void misspeltOverrideKeyNamesTheSetOrigin() {
        Path config = Cli.write(dir, "good.conf", Cli.TINY_RUN);
        Cli.Result result = train(config, "--set", "trainer.stpes=10");
        assertRejected(result, "trainer.stpes", "--set", "did you mean trainer.steps");
    }

    @Test
    void overrideWithoutEqualsSignIsRejected() {
        Path config = Cli.write(dir, "good.conf", Cli.TINY_RUN);
        Cli.Result result = train(config, "--set", "task.eta");
        assertRejected(result, "--set task.eta", "key=value");
    }

    @Test
    void unparsableOverrideIsNamedOnce() {
        Path config = Cli.write(dir, "good.conf", Cli.TINY_RUN);
        Cli.Result result = train(config, "--set", "seed={");
        assertRejected(result, "--set seed={");
        assertEquals(result.err().indexOf("--set seed={"), result.err().lastIndexOf("--set seed={"), result.err());
    }

    @Test
    void missingConfigFileIsRejected() {
        Cli.Result result = train(dir.resolve("nope.conf"));
        assertRejected(result, "nope.conf", "does not exist");
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        Path config = Cli.write(dir, "bad.conf", "seed = 1\ntask { d = 3 }\ntrainer { steps = = 30 }\nmodel {}\n");
        assertRejected(train(config), "bad.conf:3: ", "expecting a value");
    }

    @Test
    void unresolvedSubstitutionNamesFileAndLine() {
        assertRejected(train(configWithLine3("trainer.steps = ${steps}")), "bad.conf:3: ", "${steps}");
    }

    @Test
    void missingConfigArgumentIsAUsageError() {
        // Given an output directory, a run that went ahead despite the missing argument would create it.
        Cli.Result result = Cli.run("train", "-o", dir.resolve("out").toString(), "-q");
        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Missing required parameter: 'CONFIG'"), result.toString());
        assertFalse(Files.exists(dir.resolve("out")), "a run started without its config");
    }
}
