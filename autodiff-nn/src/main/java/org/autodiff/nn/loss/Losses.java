package org.autodiff.nn.loss;

import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * Loss functions, as PyTorch's {@code torch.nn.functional} losses, with PyTorch's names, defaults
 * and reduction semantics. Each is a composition of differentiable tensor ops, so reverse mode,
 * forward mode and grad-of-grad all work through it; each is written in a form that stays finite
 * for extreme inputs. Without a {@link Reduction} argument a loss takes PyTorch's default, the
 * mean.
 *
 * <p>Class-index targets (of {@link #nllLoss} and {@link #crossEntropy}) are int64 tensors, as in
 * PyTorch, with the input's shape without its class dimension: [N] for an input [N, C],
 * [N, d₁, ...] for [N, C, d₁, ...], a 0-d tensor for an unbatched [C]. Each value is a class in [0, C) or the ignore index (default
 * {@value #DEFAULT_IGNORE_INDEX}, as PyTorch), whose positions add nothing to the loss and nothing
 * to the divisor of the mean. Class weights ([C]) are constants, as in PyTorch, where they get no
 * gradient.
 */
public final class Losses {
    /** PyTorch's default {@code ignore_index}, -100: no class index, so nothing is ignored. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private Losses() {
    }

    // ---------------------------------------------------------------- regression

    /**
     * Mean squared error, as {@code F.mse_loss}.
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @return the mean of (input − target)²
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "Losses.mseLoss: input is null");
        Objects.requireNonNull(target, "Losses.mseLoss: target is null");
        return mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * Squared error (input − target)², reduced, as {@code F.mse_loss}.
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @param reduction how to combine the elements
     * @return the loss
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Objects.requireNonNull(input, "Losses.mseLoss: input is null");
        Objects.requireNonNull(reduction, "Losses.mseLoss: reduction is null");
        Objects.requireNonNull(target, "Losses.mseLoss: target is null");
        requireSameShape("mseLoss", input, target);
        return reduction.apply(input.sub(target).square());
    }

    /**
     * Mean absolute error, as {@code F.l1_loss}.
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @return the mean of |input − target|
     */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "Losses.l1Loss: input is null");
        Objects.requireNonNull(target, "Losses.l1Loss: target is null");
        return l1Loss(input, target, Reduction.MEAN);
    }

    /**
     * Absolute error |input − target|, reduced, as {@code F.l1_loss} (gradient 0 where they are equal).
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @param reduction how to combine the elements
     * @return the loss
     */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        Objects.requireNonNull(input, "Losses.l1Loss: input is null");
        Objects.requireNonNull(reduction, "Losses.l1Loss: reduction is null");
        Objects.requireNonNull(target, "Losses.l1Loss: target is null");
        requireSameShape("l1Loss", input, target);
        return reduction.apply(input.sub(target).abs());
    }

    /**
     * Smooth L1 loss with β = 1, as {@code F.smooth_l1_loss} (mean).
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @return the loss
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "Losses.smoothL1Loss: input is null");
        Objects.requireNonNull(target, "Losses.smoothL1Loss: target is null");
        return smoothL1Loss(input, target, 1.0, Reduction.MEAN);
    }

    /**
     * Smooth L1 loss, as {@code F.smooth_l1_loss}: with d = input − target, ½d²/β where |d| &lt; β
     * and |d| − ½β elsewhere; β = 0 gives the L1 loss. It is the Huber loss divided by β.
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @param beta the width of the quadratic part (non-negative)
     * @param reduction how to combine the elements
     * @return the loss
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, double beta, Reduction reduction) {
        Objects.requireNonNull(input, "Losses.smoothL1Loss: input is null");
        Objects.requireNonNull(reduction, "Losses.smoothL1Loss: reduction is null");
        Objects.requireNonNull(target, "Losses.smoothL1Loss: target is null");
        requireSameShape("smoothL1Loss", input, target);
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("smoothL1Loss: beta must be finite and non-negative, got " + beta);
        }
        Tensor absD = input.sub(target).abs();
        if (beta == 0) {
            return reduction.apply(absD);
        }
        return reduction.apply(Tensor.where(absD.lt(beta), absD.square().mul(0.5 / beta), absD.sub(0.5 * beta)));
    }

    /**
     * Huber loss with the given delta, as {@code F.huber_loss} (mean).
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @param delta where the loss turns from quadratic to linear (positive)
     * @return the loss
     */
    public static Tensor huberLoss(Tensor input, Tensor target, double delta) {
        Objects.requireNonNull(input, "Losses.huberLoss: input is null");
        Objects.requireNonNull(target, "Losses.huberLoss: target is null");
        return huberLoss(input, target, delta, Reduction.MEAN);
    }

    /**
     * Huber loss, as {@code F.huber_loss}: with d = input − target, ½d² where |d| &lt; δ and
     * δ(|d| − ½δ) elsewhere (quadratic near 0, linear in the tails, continuous with a continuous
     * derivative at |d| = δ).
     *
     * @param input the predictions
     * @param target the targets, same shape
     * @param delta where the loss turns from quadratic to linear (positive)
     * @param reduction how to combine the elements
     * @return the loss
     */
    public static Tensor huberLoss(Tensor input, Tensor target, double delta, Reduction reduction) {
        Objects.requireNonNull(input, "Losses.huberLoss: input is null");
        Objects.requireNonNull(reduction, "Losses.huberLoss: reduction is null");
        Objects.requireNonNull(target, "Losses.huberLoss: target is null");
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

    // ---------------------------------------------------------------- probabilities

    /**
     * Binary cross-entropy of probabilities, as {@code F.binary_cross_entropy} (mean, no weight).
     *
     * @param input probabilities in [0, 1]
     * @param target targets in [0, 1], same shape
     * @return the loss
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "Losses.binaryCrossEntropy: input is null");
        Objects.requireNonNull(target, "Losses.binaryCrossEntropy: target is null");
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of probabilities x against targets y, as {@code F.binary_cross_entropy}:
     * {@code −w·[y·log x + (1 − y)·log(1 − x)]}, each log clamped at −100 as PyTorch does, so that
     * x = 0 or 1 gives a finite loss. The gradient is the derivative of that expression; where a log
     * is clamped it is 0, whereas PyTorch's kernel divides by max(x(1 − x), 10⁻¹²) there, so the two
     * differ only for inputs within about 10⁻¹² of 0 or 1. For logits,
     * {@link #binaryCrossEntropyWithLogits} is the stable form.
     *
     * @param input probabilities in [0, 1]
     * @param target targets in [0, 1], same shape
     * @param weight a weight that broadcasts to the input's shape, or null
     * @param reduction how to combine the elements
     * @return the loss
     * @throws IllegalArgumentException if an input value lies outside [0, 1] or the shapes do not fit
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        Objects.requireNonNull(input, "Losses.binaryCrossEntropy: input is null");
        Objects.requireNonNull(reduction, "Losses.binaryCrossEntropy: reduction is null");
        Objects.requireNonNull(target, "Losses.binaryCrossEntropy: target is null");
        requireSameShape("binaryCrossEntropy", input, target);
        double[] x = input.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: input must hold probabilities in [0, 1], got " + x[i]
                        + " at position " + i + " of shape " + input.shape());
            }
        }
        Tensor loss = target.mul(clampedLog(input)).add(target.rsub(1).mul(clampedLog(input.rsub(1)))).neg();
        if (weight != null) {
            if (!weight.shape().broadcastsTo(input.shape())) {
                throw new IllegalArgumentException("binaryCrossEntropy: weight of shape " + weight.shape()
                        + " does not broadcast to the input's shape " + input.shape());
            }
            loss = loss.mul(weight);
        }
        return reduction.apply(loss);
    }

    /** max(log p, −100) for p ≥ 0, with a finite gradient everywhere (0 where clamped). */
    private static Tensor clampedLog(Tensor p) {
        // log is evaluated only where it is above −100 (elsewhere on 1), so neither log 0 = −∞ nor
        // its gradient 1/0 enters the graph.
        Tensor above = p.gt(Math.exp(-100));
        return Tensor.where(above, Tensor.where(above, p, Tensor.onesLike(p)).log(), Tensor.scalar(-100, p.dtype()));
    }

    /**
     * Binary cross-entropy of logits against targets in [0, 1], as
     * {@code F.binary_cross_entropy_with_logits} (mean).
     *
     * @param logits the logits
     * @param targets the targets, same shape
     * @return the loss
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        Objects.requireNonNull(logits, "Losses.binaryCrossEntropyWithLogits: logits is null");
        Objects.requireNonNull(targets, "Losses.binaryCrossEntropyWithLogits: targets is null");
        return binaryCrossEntropyWithLogits(logits, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of logits x against targets y, −[y·log σ(x) + (1 − y)·log(1 − σ(x))],
     * in the stable form {@code max(x, 0) − x·y + log(1 + e^{−|x|})}, which never exponentiates a
     * positive number.
     *
     * @param logits the logits
     * @param targets the targets, same shape
     * @param reduction how to combine the elements
     * @return the loss
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        Objects.requireNonNull(logits, "Losses.binaryCrossEntropyWithLogits: logits is null");
        Objects.requireNonNull(reduction, "Losses.binaryCrossEntropyWithLogits: reduction is null");
        Objects.requireNonNull(targets, "Losses.binaryCrossEntropyWithLogits: targets is null");
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

    /**
     * Kullback-Leibler divergence, as {@code F.kl_div(input, target)} with its default reduction,
     * the mean over all elements (PyTorch recommends {@link Reduction#BATCH_MEAN}, the true KL
     * divergence per sample).
     *
     * @param input log-probabilities
     * @param target probabilities, same shape
     * @return the loss
     */
    public static Tensor klDiv(Tensor input, Tensor target) {
        Objects.requireNonNull(input, "Losses.klDiv: input is null");
        Objects.requireNonNull(target, "Losses.klDiv: target is null");
        return klDiv(input, target, Reduction.MEAN, false);
    }

    /**
     * Kullback-Leibler divergence of the distribution {@code input} (log-probabilities) from
     * {@code target}, as {@code F.kl_div}: pointwise {@code target·(log target − input)}, 0 where
     * target = 0 (with zero gradients there, as PyTorch), or with {@code logTarget}
     * {@code e^target·(target − input)}. {@link Reduction#BATCH_MEAN} divides the sum by the batch
     * size, the input's first dimension.
     *
     * @param input log-probabilities
     * @param target probabilities (or log-probabilities with {@code logTarget}), same shape
     * @param reduction how to combine the elements, including {@link Reduction#BATCH_MEAN}
     * @param logTarget whether {@code target} holds log-probabilities
     * @return the loss
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        Objects.requireNonNull(input, "Losses.klDiv: input is null");
        Objects.requireNonNull(reduction, "Losses.klDiv: reduction is null");
        Objects.requireNonNull(target, "Losses.klDiv: target is null");
        requireSameShape("klDiv", input, target);
        Tensor pointwise;
        if (logTarget) {
            pointwise = target.exp().mul(target.sub(input));
        } else {
            // PyTorch's xlogy(t, t) − t·input, and 0 (gradient 0) where t = 0; log is only taken of positive t.
            Tensor positive = target.gt(0);
            Tensor safe = Tensor.where(positive, target, Tensor.onesLike(target));
            pointwise = Tensor.where(positive, target.mul(safe.log()).sub(target.mul(input)), Tensor.zerosLike(target));
        }
        if (reduction == Reduction.BATCH_MEAN) {
            return input.dim() == 0 ? pointwise.sum() : pointwise.sum().div(input.size(0));
        }
        return reduction.apply(pointwise);
    }

    // ---------------------------------------------------------------- classification

    /**
     * Cross-entropy of logits [N, C] against class indices, as {@code F.cross_entropy} (mean).
     *
     * @param logits the logits [N, C]
     * @param targets N class indices
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        Objects.requireNonNull(logits, "Losses.crossEntropy: logits is null");
        return crossEntropy(logits, indices(targets), null, DEFAULT_IGNORE_INDEX, 0.0, Reduction.MEAN);
    }

    /**
     * Cross-entropy of logits [N, C] against class indices {@code targets} (length N, each in
     * [0, C)), with PyTorch's label smoothing ε; see {@link #crossEntropy(Tensor, Tensor, Tensor, int, double, Reduction)}.
     *
     * @param logits the logits [N, C]
     * @param targets N class indices
     * @param labelSmoothing ε in [0, 1]
     * @param reduction how to combine the samples
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, double labelSmoothing, Reduction reduction) {
        Objects.requireNonNull(logits, "Losses.crossEntropy: logits is null");
        return crossEntropy(logits, indices(targets), null, DEFAULT_IGNORE_INDEX, labelSmoothing, reduction);
    }

    /**
     * Cross-entropy with PyTorch's defaults (no weights, nothing ignored, no smoothing, mean).
     *
     * @param input logits [N, C, d₁, ...] or [C]
     * @param target class indices (the input's shape without the class dim) or probabilities (the input's shape)
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, DEFAULT_IGNORE_INDEX, 0.0, Reduction.MEAN);
    }

    /**
     * Cross-entropy of logits, as {@code F.cross_entropy(input, target, weight, ignore_index=,
     * label_smoothing=, reduction=)}, over the class dimension 1 of [N, C, d₁, ...] (or 0 of an
     * unbatched [C]), with log-softmax computed with the max shifted out.
     *
     * <p>With class-index targets, position i costs {@code −w[tᵢ]·log p[i, tᵢ]}, and the mean divides
     * the sum by Σ w[tᵢ] over the positions not ignored (their number without weights), exactly
     * PyTorch's weighted mean. Label smoothing ε adds, as PyTorch does,
     * {@code ε/C · Σ_c −w[c]·log p[i, c]} per kept position (reduced with the same divisor) to
     * (1 − ε) times that loss.
     *
     * <p>With probability targets (the input's shape), position i costs
     * {@code −Σ_c w[c]·t'[i, c]·log p[i, c]} with t' = (1 − ε)·t + ε/C, and the mean divides by
     * the number of positions; an ignore index is refused, as in PyTorch.
     *
     * @param input logits [N, C, d₁, ...] or [C]
     * @param target class indices (the input's shape without the class dim) or probabilities (the input's shape)
     * @param weight class weights [C], or null
     * @param ignoreIndex the target value whose positions are ignored ({@link #DEFAULT_IGNORE_INDEX} for none)
     * @param labelSmoothing ε in [0, 1]
     * @param reduction MEAN, SUM or NONE
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, double labelSmoothing,
            Reduction reduction) {
        Objects.requireNonNull(input, "crossEntropy: input");
        Objects.requireNonNull(target, "crossEntropy: target");
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        requireElementwiseReduction("crossEntropy", reduction);
        if (input.dim() == 0) {
            throw new IllegalArgumentException("crossEntropy: input must be [N, C, ...] or [C], got a 0-d tensor");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        Tensor logProbs = input.logSoftmax(classDim);
        if (target.shape().equals(input.shape())) {
            return crossEntropyWithProbabilities(input, logProbs, target, weight, ignoreIndex, labelSmoothing, reduction);
        }
        ClassTargets targets = ClassTargets.of("crossEntropy", input, target, weight, ignoreIndex);
        Tensor nll = weightedNll(targets, logProbs, reduction);
        if (labelSmoothing == 0) {
            return nll;
        }
        Tensor scores = weight == null ? logProbs : logProbs.mul(ClassTargets.alongClasses(weight, input));
        Tensor smooth = Tensor.where(targets.kept, scores.sum(classDim, false).neg(), Tensor.zerosLike(targets.positionWeight));
        Tensor smoothReduced = switch (reduction) {
            case MEAN -> smooth.sum().div(weight != null ? targets.weightSum : targets.keptCount);
            case SUM -> smooth.sum();
            default -> smooth;
        };
        return nll.mul(1 - labelSmoothing).add(smoothReduced.mul(labelSmoothing / classes));
    }

    private static Tensor crossEntropyWithProbabilities(Tensor input, Tensor logProbs, Tensor target, Tensor weight,
            int ignoreIndex, double labelSmoothing, Reduction reduction) {
        if (!target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("crossEntropy: a target of the input's shape " + input.shape() + " holds class "
                    + "probabilities and must be floating point, got " + target.dtype() + " (class indices have the input's "
                    + "shape without the class dim)");
        }
        if (ignoreIndex != DEFAULT_IGNORE_INDEX) {
            throw new IllegalArgumentException("crossEntropy: ignoreIndex " + ignoreIndex + " is not supported for "
                    + "probability targets (target of the input's shape " + input.shape() + ")");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        ClassTargets.classWeights("crossEntropy", weight, classes);
        Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
        Tensor weighted = logProbs.mul(t);
        if (weight != null) {
            weighted = weighted.mul(ClassTargets.alongClasses(weight, input));
        }
        Tensor perPosition = weighted.sum(classDim, false).neg();
        return switch (reduction) {
            case MEAN -> perPosition.sum().div(input.numel() / classes);
            case SUM -> perPosition.sum();
            default -> perPosition;
        };
    }

    /**
     * Negative log-likelihood of log-probabilities [N, C] against class indices, as {@code F.nll_loss} (mean).
     *
     * @param logProbs log-probabilities [N, C]
     * @param targets N class indices
     * @return the loss
     */
    public static Tensor nllLoss(Tensor logProbs, int[] targets) {
        Objects.requireNonNull(logProbs, "Losses.nllLoss: logProbs is null");
        return nllLoss(logProbs, indices(targets), null, DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood −logProbs[i, tᵢ] for each sample, reduced.
     *
     * @param logProbs log-probabilities [N, C]
     * @param targets N class indices
     * @param reduction how to combine the samples
     * @return the loss
     */
    public static Tensor nllLoss(Tensor logProbs, int[] targets, Reduction reduction) {
        Objects.requireNonNull(logProbs, "Losses.nllLoss: logProbs is null");
        return nllLoss(logProbs, indices(targets), null, DEFAULT_IGNORE_INDEX, reduction);
    }

    /**
     * Negative log-likelihood with PyTorch's defaults (no weights, nothing ignored, mean).
     *
     * @param input log-probabilities [N, C, d₁, ...] or [C]
     * @param target class indices, the input's shape without the class dim
     * @return the loss
     */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood, as {@code F.nll_loss(input, target, weight, ignore_index=,
     * reduction=)}: position i costs {@code −w[tᵢ]·input[i, tᵢ]} (0 where ignored), and the mean
     * divides the sum by Σ w[tᵢ] over the kept positions (NaN if that is 0, as PyTorch).
     *
     * @param input log-probabilities [N, C, d₁, ...] or [C]
     * @param target class indices, the input's shape without the class dim
     * @param weight class weights [C], or null
     * @param ignoreIndex the target value whose positions are ignored ({@link #DEFAULT_IGNORE_INDEX} for none)
     * @param reduction MEAN, SUM or NONE
     * @return the loss
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        Objects.requireNonNull(input, "nllLoss: input");
        Objects.requireNonNull(target, "nllLoss: target");
        requireElementwiseReduction("nllLoss", reduction);
        return weightedNll(ClassTargets.of("nllLoss", input, target, weight, ignoreIndex), input, reduction);
    }

    private static Tensor weightedNll(ClassTargets targets, Tensor logProbs, Reduction reduction) {
        Tensor losses = targets.pick(logProbs).mul(targets.positionWeight).neg();
        return switch (reduction) {
            case MEAN -> losses.sum().div(targets.weightSum);
            case SUM -> losses.sum();
            default -> losses;
        };
    }

    // ---------------------------------------------------------------- helpers

    /** Class indices as an int64 target tensor [N]. */
    private static Tensor indices(int[] targets) {
        return Tensor.of(Objects.requireNonNull(targets, "targets"), targets.length);
    }

    private static void requireElementwiseReduction(String op, Reduction reduction) {
        if (Objects.requireNonNull(reduction, op + ": reduction") == Reduction.BATCH_MEAN) {
            throw new IllegalArgumentException(op + ": reduction BATCH_MEAN ('batchmean') applies only to klDiv");
        }
    }

    private static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": input of shape " + input.shape() + " and target of shape "
                    + target.shape() + " must have the same shape");
        }
    }
}
