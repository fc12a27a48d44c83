package org.icl.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A PyTorch peer script ({@code bench/peer/*.py}) as a long-lived child process: one command line in,
 * one JSON line out, so it stays warm between the alternating timings.
 */
public final class PeerProcess implements Peer, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;
    private final JsonNode hello;

    /** Starts the peer script with {@code python}, PyTorch limited to {@code threads} threads. */
    public PeerProcess(String python, Path script, int threads, List<String> taskArguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(python, script.toString(), "--threads", Integer.toString(threads)));
            command.addAll(taskArguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            // OpenMP's default busy-waiting collapses PyTorch by 4-5x when other processes share the cores;
            // passive waiting keeps the peer honest on a shared machine and costs it little on a quiet one.
            builder.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the peer " + script + " with " + python, e);
        }
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        hello = readReply("start");
    }

    /** The OpenMP wait policy the peer runs with. */
    public String waitPolicy() {
        return System.getenv().getOrDefault("OMP_WAIT_POLICY", "PASSIVE");
    }

    /** What the peer said on start: its PyTorch version and thread count. */
    public JsonNode hello() {
        return hello;
    }

    @Override
    public JsonNode ask(String command) {
        in.println(command);
        return readReply(command);
    }

    private JsonNode readReply(String command) {
        try {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the peer exited (exit code " + process.waitFor() + ") on: " + command);
            }
            JsonNode reply = JSON.readTree(line);
            if (reply.has("error")) {
                throw new IllegalStateException("the peer failed on " + command + ": " + reply.get("error").asText());
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer's reply to " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        in.close();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
