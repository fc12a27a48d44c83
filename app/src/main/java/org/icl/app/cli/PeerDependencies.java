package org.icl.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Makes sure the peer's Python can import torch, installing Debian's python3-torch if it cannot. */
final class PeerDependencies {

    private PeerDependencies() {
    }

    static void ensure(String python, PrintWriter out) {
        if (succeeds(List.of(python, "-c", "import torch"))) {
            return;
        }
        out.println("icl bench: " + python + " cannot import torch; installing Debian's python3-torch (apt-get)...");
        out.flush();
        if (!succeeds(List.of("apt-get", "install", "-y", "-q", "python3-torch"))
                && !(succeeds(List.of("apt-get", "update", "-q")) && succeeds(List.of("apt-get", "install", "-y", "-q", "python3-torch")))) {
            throw new IllegalStateException("could not install python3-torch with apt-get; install PyTorch for " + python + " and retry");
        }
        if (!succeeds(List.of(python, "-c", "import torch"))) {
            throw new IllegalStateException(python + " still cannot import torch; pass --python with one that can");
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
