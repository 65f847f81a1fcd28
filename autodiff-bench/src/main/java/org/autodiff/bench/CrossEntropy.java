package org.autodiff.bench;

import org.autodiff.core.Tensor;

/**
 * Mean softmax cross-entropy written as every engine in the side-by-side runs writes it:
 * {@code -(logSoftmax(logits) · oneHot).sum() / batch}, so all of them do the same work.
 */
final class CrossEntropy {
    private CrossEntropy() {
    }

    /** The mean loss of [batch, classes] logits against [batch, classes] one-hot targets. */
    static Tensor of(Tensor logits, Tensor oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum().mul(-1.0 / logits.size(0));
    }
}
