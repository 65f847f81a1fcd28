package org.autodiff.core;

import java.util.Objects;
import org.autodiff.core.backend.AdamStep;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.SgdStep;

/**
 * Optimizer updates fused into one pass over the elements, as PyTorch's fused optimizers
 * ({@code torch.optim.Adam(fused=True)}, {@code SGD(fused=True)}): the values of the separate
 * in-place ops, bit for bit, without the temporary tensors they allocate every step. An
 * optimizer calls one, and where it answers false (an operand outside what the kernel handles)
 * takes the separate ops instead.
 */
public final class FusedUpdates {
    private FusedUpdates() {
    }

    /**
     * One Adam or AdamW step of one parameter, in place (see {@link AdamStep}), as the backend's
     * {@link Backend#adam} kernel computes it. Updates through views are written back and count
     * as in-place updates, as those of {@link Tensor#addInPlace} do.
     *
     * @param param θ, updated in place
     * @param grad ∇θ
     * @param expAvg m, the running average of the gradient, updated in place
     * @param expAvgSq v, the running average of its square, updated in place
     * @param maxExpAvgSq the running maximum of v, updated in place; required with
     *                    {@code step.amsgrad()}, ignored (and may be null) without it
     * @param step the hyperparameters and the step number
     * @return true when done; false, having changed nothing, unless every operand is float32, or
     *         every one float64, of param's shape, and no two share storage
     * @throws IllegalArgumentException if amsgrad is asked for without {@code maxExpAvgSq}
     * @throws IllegalStateException if param requires grad while grad mode is on, or a target is
     *         an expanded view, as for any in-place update
     */
    public static boolean adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq,
                               AdamStep step) {
        Objects.requireNonNull(param, "adam: param is null");
        Objects.requireNonNull(grad, "adam: grad is null");
        Objects.requireNonNull(expAvg, "adam: expAvg is null");
        Objects.requireNonNull(expAvgSq, "adam: expAvgSq is null");
        Objects.requireNonNull(step, "adam: step is null");
        if (step.amsgrad() && maxExpAvgSq == null) {
            throw new IllegalArgumentException("adam: amsgrad needs maxExpAvgSq (param shape " + param.shape() + ")");
        }
        Tensor[] targets = step.amsgrad() ? new Tensor[] {param, expAvg, expAvgSq, maxExpAvgSq}
                : new Tensor[] {param, expAvg, expAvgSq};
        return update("adam", grad, targets, (backend, g, t) -> {
            if (g instanceof double[] d) {
                backend.adam(step, (double[]) t[0], d, (double[]) t[1], (double[]) t[2],
                        t.length > 3 ? (double[]) t[3] : null);
            } else {
                backend.adam(step, (float[]) t[0], (float[]) g, (float[]) t[1], (float[]) t[2],
                        t.length > 3 ? (float[]) t[3] : null);
            }
        });
    }

    /**
     * One SGD step with momentum of one parameter, in place (see {@link SgdStep}), as the
     * backend's {@link Backend#sgd} kernel computes it; updates through views as for
     * {@link #adam}.
     *
     * @param param θ, updated in place
     * @param grad ∇θ
     * @param momentumBuffer b, updated in place (overwritten on the first step)
     * @param step the hyperparameters
     * @return true when done; false, having changed nothing, unless every operand is float32, or
     *         every one float64, of param's shape, and no two share storage
     * @throws IllegalStateException if param requires grad while grad mode is on, or a target is
     *         an expanded view, as for any in-place update
     */
    public static boolean sgd(Tensor param, Tensor grad, Tensor momentumBuffer, SgdStep step) {
        Objects.requireNonNull(param, "sgd: param is null");
        Objects.requireNonNull(grad, "sgd: grad is null");
        Objects.requireNonNull(momentumBuffer, "sgd: momentumBuffer is null");
        Objects.requireNonNull(step, "sgd: step is null");
        return update("sgd", grad, new Tensor[] {param, momentumBuffer}, (backend, g, t) -> {
            if (g instanceof double[] d) {
                backend.sgd(step, (double[]) t[0], d, (double[]) t[1]);
            } else {
                backend.sgd(step, (float[]) t[0], (float[]) g, (float[]) t[1]);
            }
        });
    }

    /**
     * A fused kernel over storage arrays, all {@code double[]} or all {@code float[]}: grad's and
     * the targets'.
     */
    private interface UpdateKernel {
        void run(Backend backend, Object grad, Object[] targets);
    }

    /**
     * The in-place part every fused update shares: when the operands qualify, checks param
     * (targets[0]) as any in-place update does, runs the kernel on each target's dense storage
     * (a copy for a view) and stores the targets back, counting the update on their versions.
     */
    private static boolean update(String op, Tensor grad, Tensor[] targets, UpdateKernel kernel) {
        if (!fusable(grad, targets)) {
            return false;
        }
        targets[0].checkInPlace(op);
        Tensor[] dense = new Tensor[targets.length];
        Object[] storage = new Object[targets.length];
        for (int i = 0; i < targets.length; i++) {
            dense[i] = targets[i].inPlaceTarget(op);
            storage[i] = dense[i].storage();
        }
        kernel.run(Backends.current(), grad.storage(), storage);
        for (int i = 0; i < targets.length; i++) {
            targets[i].writeBack(dense[i]);
        }
        return true;
    }

    /**
     * One floating dtype (float32 or float64) and param's shape for grad and every target, and
     * no storage shared between any two.
     */
    private static boolean fusable(Tensor grad, Tensor[] targets) {
        Tensor param = targets[0];
        if (param.dtype() != DType.FLOAT32 && param.dtype() != DType.FLOAT64) {
            return false;
        }
        Tensor[] operands = new Tensor[targets.length + 1];
        operands[0] = grad;
        System.arraycopy(targets, 0, operands, 1, targets.length);
        for (int i = 0; i < operands.length; i++) {
            if (operands[i].dtype() != param.dtype() || !operands[i].shape().equals(param.shape())) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (operands[i].sharesStorageWith(operands[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
