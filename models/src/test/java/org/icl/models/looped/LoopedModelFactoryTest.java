package org.icl.models.looped;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;
import org.icl.api.model.Model;
import org.icl.api.model.ModelFactory;
import org.icl.api.plugin.PluginModule;
import org.icl.api.task.TaskShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The looped factory as Guice wires it: it builds its layer through the registered model factories. */
class LoopedModelFactoryTest {

    private static final TaskShape SHAPE = new TaskShape(4, 6, 4, 5);
    private static final Config REFERENCE = ConfigFactory.defaultReference();
    private static Map<String, ModelFactory> factories;

    @BeforeAll
    static void wire() {
        var modules = ServiceLoader.load(PluginModule.class).stream().map(ServiceLoader.Provider::get).toList();
        factories = Guice.createInjector(Stage.PRODUCTION, modules)
                .getInstance(Key.get(new TypeLiteral<Map<String, ModelFactory>>() { }));
    }

    /** A looped block completed by hand as the config loader would: each block from its type's defaults, recursively. */
    private static Settings looped(String overrides) {
        return new Settings(complete(ConfigFactory.parseString(overrides), "looped"), "model");
    }

    private static Config complete(Config user, String type) {
        String path = "icl.defaults.model." + type;
        Config block = user.withFallback(REFERENCE.hasPath(path) ? REFERENCE.getConfig(path) : ConfigFactory.empty())
                .withValue("type", ConfigValueFactory.fromAnyRef(type));
        if (type.equals("looped")) {
            Config layer = user.hasPath("layer") ? user.getConfig("layer") : ConfigFactory.empty();
            String layerType = layer.hasPath("type") ? layer.getString("type") : "linear-attention";
            block = block.withValue("layer", complete(layer.withoutPath("type"), layerType).root());
        }
        return block;
    }

    @Test
    void registeredAndWiredWithoutACycle() {
        assertInstanceOf(LoopedModelFactory.class, factories.get("looped"));
        Model model = factories.get("looped").create(looped(""), SHAPE, 3);
        LoopedModel looped = assertInstanceOf(LoopedModel.class, model);
        assertEquals(10, looped.settings().loops(), "the shipped default");
        assertEquals(2, model.parameters().size());
    }

    @Test
    void oneLoopIsTheLayerWithTheSameSeed() {
        Model looped = factories.get("looped").create(looped("loops = 1, layer.init-scale = 0.2"), SHAPE, 8);
        Settings layerSettings = new Settings(ConfigFactory.parseString("init-scale = 0.2")
                .withFallback(REFERENCE.getConfig("icl.defaults.model.linear-attention")), "model");
        Model layer = factories.get("linear-attention").create(layerSettings, SHAPE, 8);
        Tensor z = LoopedFixtures.input(6, 2, 9);
        assertArrayEquals(layer.forward(Tape.forInference(), z, 0).data(), looped.forward(Tape.forInference(), z, 0).data());
    }

    @Test
    void aLoopedModelCanLoopALoopedModel() {
        Model outer = factories.get("looped").create(looped("loops = 2, layer { type = looped, loops = 3 }"), SHAPE, 4);
        LoopedModel inner = assertInstanceOf(LoopedModel.class, ((LoopedModel) outer).layer());
        assertEquals(3, inner.settings().loops());
        Tensor z = LoopedFixtures.input(6, 2, 5);
        Tape tape = Tape.forInference();
        Tensor sixTimes = LoopedFixtures.byHand(tape, (org.icl.models.attention.LinearSelfAttention) inner.layer(), z, 6, false);
        assertArrayEquals(sixTimes.data(), outer.forward(tape, z, 0).data());
    }

    @Test
    void settingsErrorsNameTheFullKey() {
        ModelFactory factory = factories.get("looped");
        InvalidSettingException unknownLayer = assertThrows(InvalidSettingException.class,
                () -> factory.create(looped("layer.type = transformer"), SHAPE, 1));
        assertTrue(unknownLayer.getMessage().startsWith("model.layer.type = \"transformer\"")
                && unknownLayer.getMessage().contains("linear-attention, looped"), unknownLayer.getMessage());
        InvalidSettingException layerSetting = assertThrows(InvalidSettingException.class,
                () -> factory.create(looped("layer.init-scale = -1"), SHAPE, 1));
        assertTrue(layerSetting.getMessage().startsWith("model.layer.init-scale = -1"), layerSetting.getMessage());
        InvalidSettingException curriculum = assertThrows(InvalidSettingException.class,
                () -> factory.create(looped("loops = 3, curriculum-start = 4"), SHAPE, 1));
        assertTrue(curriculum.getMessage().startsWith("model.curriculum-start = 4"), curriculum.getMessage());
        InvalidSettingException loss = assertThrows(InvalidSettingException.class,
                () -> factory.create(looped("loop-loss = mean"), SHAPE, 1));
        assertTrue(loss.getMessage().endsWith("expected one of average, last"), loss.getMessage());
        assertThrows(InvalidSettingException.class, () -> factory.create(looped(""), new TaskShape(4, 6, 2, 5), 1));
    }
}
