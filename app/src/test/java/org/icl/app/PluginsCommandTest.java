package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code icl plugins} lists every registered task, model and trainer type. */
class PluginsCommandTest {

    @Test
    void listsEveryRegisteredTypeUnderItsKind() {
        Cli.Result result = Cli.run("plugins");
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.out();
        for (String expected : new String[] {"task types:", "model types:", "trainer types:",
                "weight-prediction", "tree-path", "linear-attention", "adam", "sgd"}) {
            assertTrue(out.contains(expected), "missing '" + expected + "':\n" + out);
        }
        assertTrue(out.indexOf("task types:") < out.indexOf("weight-prediction")
                && out.indexOf("weight-prediction") < out.indexOf("model types:")
                && out.indexOf("model types:") < out.indexOf("linear-attention")
                && out.indexOf("linear-attention") < out.indexOf("trainer types:")
                && out.indexOf("trainer types:") < out.indexOf("adam"), out);
        assertEquals("", result.err());
    }
}
