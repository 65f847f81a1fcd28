package org.autodiff.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Serialises the functions that will be sent to the executors before anything runs, so a
 * function that captured something unserialisable, typically an autodiff tensor, model or
 * optimizer, fails at once with a message saying what to do, instead of Spark's "Task not
 * serializable" from deep inside a job.
 */
final class ClosureCheck {
    private ClosureCheck() {
    }

    /** Throws IllegalArgumentException if {@code function} (the {@code role}, e.g. "the loss") cannot be serialised. */
    static void requireSerializable(String role, Object function) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(function);
        } catch (NotSerializableException e) {
            String type = e.getMessage();
            if (type != null && type.startsWith("org.autodiff.")) {
                throw new IllegalArgumentException("DataParallelTrainer: " + role + " captures a " + type
                        + ", which cannot be sent to Spark executors: autodiff tensors, modules and optimizers are not "
                        + "Serializable. Capture only what builds them (sizes, seeds, file names) and create them "
                        + "inside the function; every executor builds its own model from the model factory.", e);
            }
            throw new IllegalArgumentException("DataParallelTrainer: " + role + " captures a " + type
                    + ", which is not Serializable, so it cannot be sent to Spark executors", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("DataParallelTrainer: " + role + " cannot be serialised: " + e, e);
        }
    }
}
