package org.autodiff.core;

import java.util.Objects;
import org.autodiff.core.backend.AdamStep;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.SgdStep;

/**
 * Optimizer updates fused into one pass over the elements, as PyTorch's fused optimizers
 * ({@code torch.optim.Adam(fused=True)}, {@code SGD(fused=True)}): the values of the separate in-place ops, bit for bit,
 * without the temporary tensors they allocate every step. An optimizer calls one, and where it
 * answers false (an operand outside what the kernel handles) takes the separate ops instead.
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
        Tensor[] operands = step.amsgrad() ? new Tensor[] {param, grad, expAvg, expAvgSq, maxExpAvgSq}
                : new Tensor[] {param, grad, expAvg, expAvgSq};
        if (!fusable(operands)) {
            return false;
        }
        param.checkInPlace("adam");
        Tensor p = param.inPlaceTarget("adam");
        Tensor m = expAvg.inPlaceTarget("adam");
        Tensor v = expAvgSq.inPlaceTarget("adam");
        Tensor vMax = step.amsgrad() ? maxExpAvgSq.inPlaceTarget("adam") : null;
        Backend backend = Backends.current();
        if (param.dtype() == DType.FLOAT64) {
            backend.adam(step, (double[]) p.storage(), (double[]) grad.storage(), (double[]) m.storage(),
                    (double[]) v.storage(), vMax == null ? null : (double[]) vMax.storage());
        } else {
            backend.adam(step, (float[]) p.storage(), (float[]) grad.storage(), (float[]) m.storage(),
                    (float[]) v.storage(), vMax == null ? null : (float[]) vMax.storage());
        }
        param.writeBack(p);
        expAvg.writeBack(m);
        expAvgSq.writeBack(v);
        if (vMax != null) {
            maxExpAvgSq.writeBack(vMax);
        }
        return true;
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
        if (!fusable(new Tensor[] {param, grad, momentumBuffer})) {
            return false;
        }
        param.checkInPlace("sgd");
        Tensor p = param.inPlaceTarget("sgd");
        Tensor b = momentumBuffer.inPlaceTarget("sgd");
        Backend backend = Backends.current();
        if (param.dtype() == DType.FLOAT64) {
            backend.sgd(step, (double[]) p.storage(), (double[]) grad.storage(), (double[]) b.storage());
        } else {
            backend.sgd(step, (float[]) p.storage(), (float[]) grad.storage(), (float[]) b.storage());
        }
        param.writeBack(p);
        momentumBuffer.writeBack(b);
        return true;
    }

    /** One floating dtype (float32 or float64) and one shape for all, and no storage shared between any two. */
    private static boolean fusable(Tensor[] operands) {
        DType dtype = operands[0].dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
            return false;
        }
        for (int i = 0; i < operands.length; i++) {
            if (operands[i].dtype() != dtype || !operands[i].shape().equals(operands[0].shape())) {
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
