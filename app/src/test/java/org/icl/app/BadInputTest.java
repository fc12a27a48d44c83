package org.icl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of bad input: configs, study files, checkpoints, command-line arguments and paths.
 * For each, {@code icl} exits with code 2, its message names the key or argument at fault and
 * where it came from, and nothing in the working directory was created or changed.
 */
class BadInputTest {

    /** A run's arguments and what its error message must contain. */
    private record Invocation(List<String> args, List<String> fragments) {
    }

    @TempDir
    static Path shared;
    /** A finished tiny run, copied into the cases that resume one. */
    static Path finished;

    @TempDir
    Path work;

    @BeforeAll
    static void trainOnce() {
        finished = shared.resolve("finished");
        Path config = Cli.write(shared, "tiny.conf", Cli.TINY_RUN);
        Cli.Result result = Cli.run("train", config.toString(), "-o", finished.toString(), "-q");
        assertEquals(0, result.exitCode(), result.toString());
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // ---- run configs
        add(cases, "misspelt key", w -> train(w, config(w, "task.etta = 0.3"), "task.etta", "bad.conf:5", "did you mean task.eta"));
        add(cases, "misspelt top-level key", w -> train(w, config(w, "trainr { steps = 5 }"), "trainr", "bad.conf:5",
                "did you mean trainer"));
        add(cases, "wrong type", w -> train(w, config(w, "task.d = \"ten\""), "task.d", "bad.conf:5", "an integer"));
        add(cases, "fractional integer", w -> train(w, config(w, "trainer.steps = 2.5"), "trainer.steps", "bad.conf:5",
                "an integer"));
        add(cases, "out of range", w -> train(w, config(w, "task.eta = -0.1"), "task.eta", "bad.conf:5", "> 0"));
        add(cases, "out of range trainer setting", w -> train(w, config(w, "trainer.divergence-factor = 0.5"),
                "trainer.divergence-factor", "bad.conf:5", "0 (off) or a finite number > 1"));
        add(cases, "inconsistent values", w -> train(w, config(w, "task.eval-covariance = [1, 2]"), "task.eval-covariance",
                "bad.conf:5", "d = 3"));
        add(cases, "unknown plugin type", w -> train(w, config(w, "model.type = transformerz"), "model.type", "bad.conf:5",
                "known model types: linear-attention"));
        add(cases, "key of another plugin type", w -> train(w, config(w, "trainer.momentum = 0.9"), "trainer.momentum",
                "bad.conf:5", "unknown key"));
        add(cases, "plugin block not an object", w -> train(w, config(w, "task = 3"), "task", "bad.conf:5", "an object"));
        add(cases, "malformed HOCON", w -> train(w, config(w, "trainer { steps = = 30 }"), "bad.conf:5", "expecting a value"));
        add(cases, "unresolved substitution", w -> train(w, config(w, "trainer.steps = ${steps}"), "bad.conf:5", "${steps}"));
        add(cases, "include url(...)", w -> train(w, config(w, "include url(\"http://example.invalid/x.conf\")"),
                "bad.conf:5", "http://example.invalid/x.conf", "local files only"));
        add(cases, "quoted include of a URL", w -> train(w, config(w, "include \"https://example.invalid/y.conf\""),
                "bad.conf:5", "https://example.invalid/y.conf", "local files only"));
        add(cases, "include of a missing file", w -> train(w, config(w, "include \"common.conf\""), "bad.conf:5",
                "common.conf", "no such file"));
        add(cases, "missing config file", w -> train(w, w.resolve("nope.conf"), "nope.conf", "does not exist"));
        add(cases, "config path is a directory", w -> train(w, w, w.toString(), "is a directory"));
        add(cases, "evaluation set too large for memory", w -> train(w, config(w, "task.eval-prompts = 2000000000"),
                "task.eval-prompts = 2000000000", "bad.conf:5", "evaluation prompts", "2^31"));
        add(cases, "training batch too large for memory", w -> train(w,
                config(w, "task { d = 1000, n = 100000, eval-prompts = 1, eval-chunk = 1 }"),
                "trainer.batch-size", "one training batch", "2^31"));
        // ---- --set overrides
        add(cases, "bad override value", w -> train(w, good(w), List.of("--set", "task.eta=-1"), "task.eta", "--set task.eta=-1", "> 0"));
        add(cases, "misspelt override key", w -> train(w, good(w), List.of("--set", "trainer.stpes=10"), "trainer.stpes", "--set",
                "did you mean trainer.steps"));
        add(cases, "override without =", w -> train(w, good(w), List.of("--set", "task.eta"), "--set task.eta", "key=value"));
        add(cases, "override including a URL", w -> train(w, good(w), List.of("--set", "seed = 2, include url(\"http://example.invalid/z\")"),
                "--set seed = 2", "http://example.invalid/z", "local files only"));
        add(cases, "unparsable override", w -> train(w, good(w), List.of("--set", "seed={"), "--set seed={"));
        // ---- study files
        add(cases, "variant name escaping the output directory", w -> study(w, "variants = [ { name = \"../../escape\" } ]",
                "variants[0].name", "../../escape", "study.conf:5"));
        add(cases, "variant name with a slash", w -> study(w, "variants = [ { name = \"a/b\" } ]", "variants[0].name", "a/b"));
        add(cases, "duplicate variant name", w -> study(w, "variants = [ { name = a }, { name = a, seed = 3 } ]",
                "'a' is used twice", "study.conf:5"));
        add(cases, "unknown study key", w -> study(w, "variant = [ { name = a } ]", "variant", "study.conf:5",
                "unknown study key"));
        add(cases, "empty variant list", w -> study(w, "variants = []", "variants", "study.conf:5", "at least one"));
        add(cases, "bad key in the last variant", w -> study(w, "variants = [ { name = a }, { name = b, task.etta = 1 } ]",
                "task.etta", "study.conf:5", "did you mean task.eta"));
        // ---- output paths
        add(cases, "-o naming a file", w -> train(w, good(w), List.of("-o", file(w, "taken").toString()), "-o " + w.resolve("taken"),
                "is a file"));
        add(cases, "-o under a file", w -> train(w, good(w), List.of("-o", file(w, "taken").resolve("sub").toString()), "is a file",
                "cannot be created"));
        add(cases, "-o not writable", w -> train(w, good(w), List.of("-o", unwritable(w).resolve("out").toString()), "cannot write in"));
        add(cases, "-o holding a run, without --resume", w -> train(w, good(w), List.of("-o", copyOfFinished(w).toString()),
                "already holds a run", "--resume"));
        add(cases, "-o not empty", w -> train(w, good(w), List.of("-o", file(w, "stuff").getParent().toString()), "is not empty"));
        // ---- resuming and checkpoints
        add(cases, "--resume without -o", w -> invocation(List.of("train", good(w).toString(), "--resume", "-q"),
                "--resume needs -o"));
        add(cases, "--resume with another config", w -> train(w, good(w), List.of("-o", copyOfFinished(w).toString(), "--resume",
                "--set", "trainer.steps=31"), "another config", "trainer.steps = 30", "31 now"));
        add(cases, "--resume into a directory holding no run", w -> train(w, good(w), List.of("-o", file(w, "stuff").getParent().toString(),
                "--resume"), "holds no run"));
        add(cases, "damaged checkpoint", w -> train(w, good(w), List.of("-o", damaged(copyOfFinished(w)).toString(), "--resume"),
                "checkpoint", "damaged", "delete it"));
        add(cases, "file that is not a checkpoint", w -> train(w, good(w), List.of("-o", foreign(copyOfFinished(w)).toString(),
                "--resume"), "not a checkpoint"));
        // ---- command-line arguments
        add(cases, "unknown option", w -> train(w, good(w), List.of("--frobnicate"), "Unknown option: '--frobnicate'"));
        add(cases, "--threads 0", w -> train(w, good(w), List.of("--threads", "0"), "--threads 0", "[1, 1024]"));
        add(cases, "--threads not a number", w -> train(w, good(w), List.of("--threads", "many"), "--threads", "'many'"));
        add(cases, "missing CONFIG", w -> invocation(List.of("train", "-o", w.resolve("out").toString()), "CONFIG"));
        add(cases, "unknown command", w -> invocation(List.of("trian", good(w).toString()), "trian"));
        add(cases, "eval of a directory that is no run", w -> invocation(List.of("eval", w.toString()), "not a run directory"));
        add(cases, "eval changing the model's shape", w -> invocation(List.of("eval", copyOfFinished(w).toString(),
                "--set", "task.d=4"), "parameters.json", "'V'"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithExitCodeTwoAndAMessageAndWritesNothing(String name, Function<Path, Invocation> setUp) {
        Invocation invocation = setUp.apply(work);
        Map<String, String> before = snapshot(work);
        Cli.Result result = Cli.run(invocation.args().toArray(String[]::new));

        assertEquals(Icl.BAD_INPUT, result.exitCode(), result.toString());
        assertFalse(result.err().contains("\tat org."), "a stack trace:\n" + result);
        for (String fragment : invocation.fragments()) {
            assertTrue(result.err().toLowerCase().contains(fragment.toLowerCase()), "stderr lacks '" + fragment + "':\n" + result);
        }
        assertEquals(before, snapshot(work), "files were created or changed");
    }

    // ---- the cases' building blocks

    private static void add(List<Arguments> cases, String name, Function<Path, Invocation> setUp) {
        cases.add(Arguments.of(name, setUp));
    }

    private static Invocation invocation(List<String> args, String... fragments) {
        return new Invocation(args, List.of(fragments));
    }

    /** {@code icl train CONFIG -q -o work/out}; the message must contain every fragment. */
    private static Invocation train(Path work, Path config, String... fragments) {
        return train(work, config, List.of(), fragments);
    }

    /** {@code icl train CONFIG -q} with {@code extra} arguments, and {@code -o work/out} unless they name one. */
    private static Invocation train(Path work, Path config, List<String> extra, String... fragments) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "-q"));
        args.addAll(extra);
        if (!extra.contains("-o")) {
            args.addAll(List.of("-o", work.resolve("out").toString()));
        }
        return invocation(args, fragments);
    }

    /** {@code icl run work/study.conf -o work/a/b -q} with a tiny base and {@code variants} on line 5. */
    private static Invocation study(Path work, String variants, String... fragments) {
        Path file = Cli.write(work, "study.conf", "base {\n  " + Cli.TINY_TASK + "\n  " + Cli.TINY_TRAINER + "\n}\n" + variants + "\n");
        return invocation(List.of("run", file.toString(), "-o", work.resolve("a").resolve("b").toString(), "-q"), fragments);
    }

    /** A tiny valid config with {@code line} as its line 5, after everything it could override. */
    private static Path config(Path work, String line) {
        return Cli.write(work, "bad.conf", Cli.TINY_RUN + line + "\n");
    }

    private static Path good(Path work) {
        return Cli.write(work, "good.conf", Cli.TINY_RUN);
    }

    private static Path file(Path work, String name) {
        return Cli.write(work, name, "not a directory\n");
    }

    /** A directory nothing can be created in: read-only by permissions, or (for root, who ignores them) /sys. */
    private static Path unwritable(Path work) {
        try {
            Path locked = Files.createDirectory(work.resolve("locked"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                Files.delete(Files.createTempFile(locked, "probe", ""));
            } catch (IOException expected) {
                return locked;
            }
            return Path.of("/sys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfFinished(Path work) {
        Path copy = work.resolve("run");
        try (Stream<Path> files = Files.list(finished)) {
            Files.createDirectory(copy);
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    private static Path damaged(Path run) {
        try {
            Path checkpoint = run.resolve("checkpoint.bin");
            byte[] bytes = Files.readAllBytes(checkpoint);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(checkpoint, bytes);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path foreign(Path run) {
        Cli.write(run, "checkpoint.bin", "{\"step\": 30}\n");
        return run;
    }

    /** Every file under {@code dir} with a digest of its content (directories as such), sorted by path. */
    private static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : digest(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
