package org.autodiff.nn;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A lookup table of vectors, like PyTorch's {@code nn.Embedding}: an int64 tensor of ids of any
 * shape [*] gives the rows of {@code weight} [numEmbeddings, embeddingDim] they name, shape
 * [*, embeddingDim].
 *
 * <p>Initialised as PyTorch does: every entry from N(0, 1), then the padding row (if any) set to
 * zeros. The padding row receives no gradient, as PyTorch's {@code padding_idx}: it stays what it
 * is (zeros unless loaded otherwise) through training.
 *
 * <p>The lookup is {@code indexSelect} on the weight, a movement op whose gradient scatters back
 * into the rows read (a row read twice gets both contributions), so no rule of its own is needed;
 * the padding row reads from a detached copy of the weight, which cuts its gradient.
 */
public final class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    /** The padding row, in [0, numEmbeddings), or -1 for none. */
    private final int paddingIdx;
    private final Tensor weight;

    /**
     * A float32 embedding without padding row, initialised from the global generator.
     *
     * @param numEmbeddings the number of rows (ids run from 0 to numEmbeddings − 1)
     * @param embeddingDim the length of each row
     */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null, DType.FLOAT32, Generator.global());
    }

    /**
     * An embedding with every option.
     *
     * @param numEmbeddings the number of rows (ids run from 0 to numEmbeddings − 1)
     * @param embeddingDim the length of each row
     * @param paddingIdx the row that gets no gradient and starts at zero, or null for none; negative
     *     counts from the end, as in PyTorch
     * @param dtype the weight's dtype (floating point)
     * @param generator the source of the initial values
     */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, DType dtype, Generator generator) {
        Objects.requireNonNull(dtype, "Embedding: dtype is null");
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be positive, got numEmbeddings="
                    + numEmbeddings + ", embeddingDim=" + embeddingDim);
        }
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("Embedding: the weight's dtype must be floating point, got " + dtype);
        }
        if (paddingIdx != null && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)) {
            throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " must be within numEmbeddings="
                    + numEmbeddings + " (in [" + (-numEmbeddings) + ", " + (numEmbeddings - 1) + "])");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? -1 : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        this.weight = registerParameter("weight",
                Init.normal(Tensor.empty(dtype, Shape.of(numEmbeddings, embeddingDim)), 0, 1, generator));
        if (this.paddingIdx >= 0) {
            try (var off = GradMode.noGrad()) {
                zeroRow(this.paddingIdx);
            }
        }
    }

    private void zeroRow(int row) {
        Tensor isRow = Tensor.arange(DType.INT64, 0, numEmbeddings, 1).eq((long) row).unsqueeze(1);
        weight.copyFrom(weight.detach().maskedFill(isRow, 0.0));
    }

    /**
     * Looks up the rows named by {@code input}.
     *
     * @param input int64 ids of any shape, each in [0, numEmbeddings)
     * @return the rows, shape input's + [embeddingDim]
     * @throws IllegalArgumentException if the ids are not int64
     * @throws IndexOutOfBoundsException naming the id and the table's shape if an id is out of range
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Embedding.forward: input is null");
        if (input.dtype() != DType.INT64) {
            throw new IllegalArgumentException("Embedding: input must be an int64 tensor of ids, got " + input.dtype()
                    + " of shape " + input.shape() + "; convert with to(DType.INT64)");
        }
        long[] ids = input.toLongArray();
        int[] rows = new int[ids.length];
        boolean padded = false;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= numEmbeddings) {
                throw new IndexOutOfBoundsException("Embedding: input id " + ids[i] + " (at flat position " + i
                        + " of input shape " + input.shape() + ") is out of range for weight of shape " + weight.shape()
                        + " (ids in [0, " + (numEmbeddings - 1) + "])");
            }
            rows[i] = (int) ids[i];
            padded |= rows[i] == paddingIdx;
        }
        int[] outShape = Arrays.copyOf(input.shape().dims(), input.dim() + 1);
        outShape[input.dim()] = embeddingDim;
        Tensor looked = weight.indexSelect(0, rows);
        if (padded) {
            // The padding row is read from a detached weight, so its gradient stops here.
            Tensor isPad = input.reshape(-1).eq(Tensor.scalar(paddingIdx, DType.INT64)).unsqueeze(1);
            looked = Tensor.where(isPad, weight.detach().indexSelect(0, rows), looked);
        }
        return looked.reshape(outShape);
    }

    /**
     * The table, shape [numEmbeddings, embeddingDim].
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The padding row.
     *
     * @return its index in [0, numEmbeddings), or -1 without one
     */
    public int paddingIdx() {
        return paddingIdx;
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", paddingIdx=" + paddingIdx : "");
    }
}
