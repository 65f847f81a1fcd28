package org.autodiff.nn.loss;

import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * Loss functions, as PyTorch's {@code torch.nn.functional} losses. Each is a composition of
 * differentiable tensor ops, so reverse mode, forward mode and grad-of-grad all work through it;
 * each is written in a form that stays finite for extreme inputs. Without a {@link Reduction}
 * argument a loss takes PyTorch's default, the mean.
 */
public final class Losses {
    private Losses() {
    }

    // ---------------------------------------------------------------- regression

    /** Mean squared error, as {@code F.mse_loss}. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /** Squared error (input − target)², reduced; input and target must have the same shape. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("mseLoss", input, target);
        return reduction.apply(input.sub(target).square());
    }

    /** Huber loss with the given delta, as {@code F.huber_loss} (mean). */
    public static Tensor huberLoss(Tensor input, Tensor target, double delta) {
        return huberLoss(input, target, delta, Reduction.MEAN);
    }

    /**
     * Huber loss: with d = input − target, ½d² where |d| &lt; δ and δ(|d| − ½δ) elsewhere
     * (quadratic near 0, linear in the tails, continuous with a continuous derivative at |d| = δ).
     */
    public static Tensor huberLoss(Tensor input, Tensor target, double delta, Reduction reduction) {
        requireSameShape("huberLoss", input, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huberLoss: delta must be positive, got " + delta);
        }
        Tensor d = input.sub(target);
        Tensor absD = d.abs();
        Tensor quadratic = d.square().mul(0.5);
        Tensor linear = absD.sub(0.5 * delta).mul(delta);
        return reduction.apply(Tensor.where(absD.lt(delta), quadratic, linear));
    }

    // ---------------------------------------------------------------- classification

    /** Cross-entropy of logits [N, C] against class indices, as {@code F.cross_entropy} (mean). */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, 0.0, Reduction.MEAN);
    }

    /**
     * Cross-entropy of logits [N, C] against class indices {@code targets} (length N, each in
     * [0, C)), with PyTorch's label smoothing ε: the target distribution puts 1 − ε + ε/C on the
     * true class and ε/C on every other, so the loss of sample i is
     * {@code (1 − ε)·(−log p[i, tᵢ]) + ε·mean_c(−log p[i, c])} with log p = logSoftmax(logits).
     * The log-softmax is computed with the max shifted out, so large logits do not overflow.
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, double labelSmoothing, Reduction reduction) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        requireClassIndices("crossEntropy", logits, targets);
        Tensor logProbs = logits.logSoftmax(1);
        Tensor nll = pickTargets(logProbs, targets).neg();
        if (labelSmoothing == 0) {
            return reduction.apply(nll);
        }
        Tensor smooth = logProbs.mean(1, false).neg();
        return reduction.apply(nll.mul(1 - labelSmoothing).add(smooth.mul(labelSmoothing)));
    }

    /** Negative log-likelihood of log-probabilities [N, C] against class indices, as {@code F.nll_loss} (mean). */
    public static Tensor nllLoss(Tensor logProbs, int[] targets) {
        return nllLoss(logProbs, targets, Reduction.MEAN);
    }

    /** Negative log-likelihood: −logProbs[i, tᵢ] for each sample, reduced. */
    public static Tensor nllLoss(Tensor logProbs, int[] targets, Reduction reduction) {
        requireClassIndices("nllLoss", logProbs, targets);
        return reduction.apply(pickTargets(logProbs, targets).neg());
    }

    /** Binary cross-entropy of logits against targets in [0, 1], as {@code F.binary_cross_entropy_with_logits} (mean). */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        return binaryCrossEntropyWithLogits(logits, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of logits x against targets y, −[y·log σ(x) + (1 − y)·log(1 − σ(x))],
     * in the stable form {@code max(x, 0) − x·y + log(1 + e^{−|x|})}, which never exponentiates a
     * positive number.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        requireSameShape("binaryCrossEntropyWithLogits", logits, targets);
        // max(x, 0) + log(1 + e^{−|x|}) is softplus(x). It is written per sign of x, each branch smooth
        // and fed only inputs of its own sign (so the branch not taken stays finite), which gives the
        // true gradient σ(x) − y also at x = 0 (the kinks of max and |x| would give −y there).
        Tensor negative = logits.lt(0);
        Tensor zero = Tensor.zerosLike(logits);
        Tensor xNeg = Tensor.where(negative, logits, zero);
        Tensor xPos = Tensor.where(negative, zero, logits);
        Tensor softplus = Tensor.where(negative,
                xNeg.exp().log1p(),                       // x < 0: log(1 + eˣ)
                xPos.add(xPos.neg().exp().log1p()));      // x ≥ 0: x + log(1 + e^{−x})
        return reduction.apply(softplus.sub(logits.mul(targets)));
    }

    // ---------------------------------------------------------------- helpers

    /** Row i's entry at column targets[i] of a [N, C] tensor, as a [N] tensor (differentiable). */
    private static Tensor pickTargets(Tensor scores, int[] targets) {
        return scores.gather(1, Tensor.of(targets, targets.length, 1)).reshape(targets.length);
    }

    private static void requireClassIndices(String op, Tensor scores, int[] targets) {
        Objects.requireNonNull(targets, op + ": targets");
        if (scores.dim() != 2) {
            throw new IllegalArgumentException(op + ": input must be [N, C], got shape " + scores.shape());
        }
        if (targets.length != scores.size(0)) {
            throw new IllegalArgumentException(op + ": " + targets.length + " targets for input of shape " + scores.shape());
        }
        int classes = scores.size(1);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException(op + ": target " + targets[i] + " at position " + i
                        + " is not a class index in [0, " + classes + ") for input of shape " + scores.shape());
            }
        }
    }

    private static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": input of shape " + input.shape() + " and target of shape "
                    + target.shape() + " must have the same shape");
        }
    }
}
