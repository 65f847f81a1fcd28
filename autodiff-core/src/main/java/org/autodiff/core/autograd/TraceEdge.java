package org.autodiff.core.autograd;

import org.autodiff.core.Tensor;

/**
 * One edge of a traced op: from the op's output to one of its inputs, with the local derivative
 * the chain rule applies along it and what flowed across it in the pass.
 *
 * @param input           the input's label: its name, or its op and step ("mul#4"), or "const"
 * @param operand         which operand of the op the input is: "self", "other", or "input i"
 * @param localDerivative the Jacobian ∂output/∂input, shape {@code output.shape ++ input.shape}
 *                        (the input's shape for a one-element output); null when it has more than
 *                        {@link #MAX_JACOBIAN_ELEMENTS} elements or the input takes no derivative
 * @param contribution    reverse mode: the output's adjoint times the local derivative, summed back
 *                        to the input's shape (this edge's term in the input's adjoint); forward
 *                        mode: the local derivative times the input's tangent (this edge's term in
 *                        the output's tangent); null for a constant input, which takes no derivative
 * @param constant        a constant input's value (it has no step of its own); null for the others
 */
public record TraceEdge(String input, String operand, Tensor localDerivative, Tensor contribution, Tensor constant) {
    /** The largest Jacobian a trace computes for an edge; beyond it only the contribution is kept. */
    public static final int MAX_JACOBIAN_ELEMENTS = 4096;

    /**
     * The name of operand {@code i} of an op with {@code count} operands, as PyTorch's messages
     * call them.
     *
     * @param count the op's number of operands
     * @param i     the operand's index
     * @return "self" for the first operand, "other" for the second of two, else "input i"
     */
    public static String operandName(int count, int i) {
        if (i == 0) {
            return "self";
        }
        return count == 2 ? "other" : "input " + i;
    }
}
