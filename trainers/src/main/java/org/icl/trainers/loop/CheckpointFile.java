package org.icl.trainers.loop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

import org.icl.api.config.InvalidInputException;
import org.icl.api.io.AtomicFile;
import org.icl.trainers.loop.ParameterFile.Matrix;

/**
 * Reads and writes {@link Checkpoint}s in a small binary format: a header naming the format and its
 * version, the state with every double stored exactly, and a CRC-32 of all of it, so that a torn,
 * truncated or altered file is refused instead of loaded. Written atomically.
 */
public final class CheckpointFile {

    static final String FORMAT = "icl-checkpoint";
    static final int VERSION = 2;
    private static final int CHECKSUM_BYTES = Long.BYTES;

    private CheckpointFile() {
    }

    public static void write(Path path, Checkpoint checkpoint) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(FORMAT);
            out.writeInt(VERSION);
            out.writeInt(checkpoint.step());
            out.writeDouble(checkpoint.trainBaseline());
            out.writeDouble(checkpoint.evalBaseline());
            out.writeDouble(checkpoint.seconds());
            out.writeDouble(checkpoint.evaluationSeconds());
            out.writeLong(checkpoint.metricsBytes());
            out.writeLong(checkpoint.probesBytes());
            writeArray(out, checkpoint.recentLosses());
            out.writeInt(checkpoint.parameters().size());
            for (Map.Entry<String, Matrix> e : checkpoint.parameters().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().rows());
                out.writeInt(e.getValue().cols());
                writeArray(out, e.getValue().data());
            }
            out.writeInt(checkpoint.optimizer().size());
            for (Map.Entry<String, double[]> e : checkpoint.optimizer().entrySet()) {
                out.writeUTF(e.getKey());
                writeArray(out, e.getValue());
            }
            CRC32 crc = new CRC32();
            crc.update(buffer.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFile.write(path, buffer.toByteArray());
    }

    /** Reads a checkpoint, refusing (with InvalidInputException) a file that is not one, of another version, or damaged. */
    public static Checkpoint read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + path + " cannot be read: " + e.getMessage());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!FORMAT.equals(in.readUTF())) {
                throw refused(path, "is not an icl checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw refused(path, "has format version " + version + ", but this build reads version " + VERSION
                        + " only (it was written by another version of icl)");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, Math.max(0, bytes.length - CHECKSUM_BYTES));
            long stored = bytes.length < CHECKSUM_BYTES ? -1
                    : new DataInputStream(new ByteArrayInputStream(bytes, bytes.length - CHECKSUM_BYTES, CHECKSUM_BYTES)).readLong();
            if (stored != crc.getValue()) {
                throw refused(path, "is damaged (its checksum does not match its content)");
            }
            int step = in.readInt();
            double trainBaseline = in.readDouble();
            double evalBaseline = in.readDouble();
            double seconds = in.readDouble();
            double evaluationSeconds = in.readDouble();
            long metricsBytes = in.readLong();
            long probesBytes = in.readLong();
            double[] recent = readArray(in);
            Map<String, Matrix> parameters = new LinkedHashMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rows = in.readInt();
                int cols = in.readInt();
                parameters.put(name, new Matrix(rows, cols, readArray(in)));
            }
            Map<String, double[]> optimizer = new LinkedHashMap<>();
            count = in.readInt();
            for (int i = 0; i < count; i++) {
                optimizer.put(in.readUTF(), readArray(in));
            }
            if (in.available() != CHECKSUM_BYTES) {
                throw refused(path, "is damaged (unexpected length)");
            }
            return new Checkpoint(step, parameters, optimizer, recent, trainBaseline, evalBaseline, seconds,
                    evaluationSeconds, metricsBytes, probesBytes);
        } catch (EOFException | UTFDataFormatException | NegativeArraySizeException e) {
            throw refused(path, "is damaged (truncated or not a checkpoint)");
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + path + " cannot be read: " + e.getMessage());
        }
    }

    private static InvalidInputException refused(Path path, String why) {
        return new InvalidInputException("checkpoint " + path + " " + why + "; delete it to start the run over");
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available() / Double.BYTES) {
            throw new EOFException();
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
