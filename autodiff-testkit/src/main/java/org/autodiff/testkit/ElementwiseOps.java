package org.autodiff.testkit;

import java.util.List;
import java.util.function.Function;
import org.autodiff.core.Tensor;

/**
 * The registry's unary elementwise ops (and the ops with a scalar second operand), one row each:
 * name, covered methods, domain, the op, then the sample points: a smooth typical value,
 * whether 0 is smooth, large magnitudes, kinks. Kinks and poles stay out of the random domain,
 * as a difference quotient across them measures neither side.
 */
final class ElementwiseOps {
    private static final double[] LARGE = {-10, -3.5, 4, 10};
    private static final double[] LARGE_POSITIVE = {3.5, 10, 50};

    private static final Tensor ONES = Tensor.ones(2, 3);

    private ElementwiseOps() {
    }

    static List<OpInfo> entries() {
        return List.of(
                row("neg", "neg()", Domain.REAL, Tensor::neg, true, LARGE),
                row("exp", "exp()", Domain.REAL, Tensor::exp, true, LARGE),
                row("expm1", "expm1()", Domain.REAL, Tensor::expm1, true, LARGE),
                row("log", "log()", Domain.POSITIVE, Tensor::log, false, LARGE_POSITIVE),
                row("log1p", "log1p()", Domain.bounded(-0.9, 2), Tensor::log1p, true, LARGE_POSITIVE),
                row("sqrt", "sqrt()", Domain.POSITIVE, Tensor::sqrt, false, LARGE_POSITIVE),
                row("abs", "abs()", Domain.NONZERO, Tensor::abs, false, LARGE, 0),
                row("sin", "sin()", Domain.REAL, Tensor::sin, true, LARGE),
                row("cos", "cos()", Domain.REAL, Tensor::cos, true, LARGE),
                row("tanh", "tanh()", Domain.REAL, Tensor::tanh, true, LARGE),
                row("sigmoid", "sigmoid()", Domain.REAL, Tensor::sigmoid, true, LARGE),
                row("relu", "relu()", Domain.NONZERO, Tensor::relu, false, LARGE, 0),
                row("leakyRelu(0.1)", "leakyRelu(double)", Domain.NONZERO, x -> x.leakyRelu(0.1), false, LARGE, 0),
                row("gelu", "gelu()", Domain.REAL, Tensor::gelu, true, LARGE),
                withErrors(row("gelu(tanh)", "gelu(String)", Domain.REAL, x -> x.gelu("tanh"), true, LARGE),
                        ErrorInput.of("an unknown approximation", IllegalArgumentException.class,
                                () -> ONES.gelu("bogus"), "gelu", "bogus")),
                row("silu", "silu()", Domain.REAL, Tensor::silu, true, LARGE),
                row("elu", "elu()", Domain.NONZERO, Tensor::elu, false, LARGE, 0),
                row("elu(0.7)", "elu(double)", Domain.NONZERO, x -> x.elu(0.7), false, LARGE, 0),
                row("softplus", "softplus()", Domain.REAL, Tensor::softplus, true, LARGE),
                // βx = 1 is softplus(β, threshold)'s switch from log(1 + e^{βx})/β to x, a jump in value.
                row("softplus(2, 1)", "softplus(double,double)", Domain.awayFrom(-2, 2, 0.5), x -> x.softplus(2, 1), true,
                        LARGE, 0.5),
                withErrors(row("softplus(0.5, 20)", "softplus(double,double)", Domain.REAL, x -> x.softplus(0.5, 20), true,
                        LARGE), ErrorInput.of("beta 0", IllegalArgumentException.class, () -> ONES.softplus(0, 20),
                        "softplus", "beta")),
                row("erf", "erf()", Domain.REAL, Tensor::erf, true, LARGE),
                row("clamp(-0.5, 0.8)", "clamp(double,double)", Domain.awayFrom(-2, 2, -0.5, 0.8),
                        x -> x.clamp(-0.5, 0.8), true, LARGE, -0.5, 0.8),
                row("sign", "sign()", Domain.NONZERO, Tensor::sign, false, LARGE, 0),
                row("square", "square()", Domain.REAL, Tensor::square, true, LARGE),
                row("reciprocal", "reciprocal()", Domain.NONZERO, Tensor::reciprocal, false, LARGE),
                row("pow(2)", "pow(double)", Domain.REAL, x -> x.pow(2), true, LARGE),
                row("pow(3)", "pow(double)", Domain.REAL, x -> x.pow(3), true, LARGE),
                row("pow(-1.5)", "pow(double)", Domain.POSITIVE, x -> x.pow(-1.5), false, LARGE_POSITIVE),
                row("pow(0.5)", "pow(double)", Domain.POSITIVE, x -> x.pow(0.5), false, LARGE_POSITIVE),
                row("add(0.5)", "add(double)", Domain.REAL, x -> x.add(0.5), true, LARGE),
                row("add(2L)", "add(long)", Domain.REAL, x -> x.add(2L), true, LARGE),
                row("sub(0.5)", "sub(double)", Domain.REAL, x -> x.sub(0.5), true, LARGE),
                row("sub(2L)", "sub(long)", Domain.REAL, x -> x.sub(2L), true, LARGE),
                row("rsub(1)", "rsub(double)", Domain.REAL, x -> x.rsub(1), true, LARGE),
                row("rsub(3L)", "rsub(long)", Domain.REAL, x -> x.rsub(3L), true, LARGE),
                row("mul(2.5)", "mul(double)", Domain.REAL, x -> x.mul(2.5), true, LARGE),
                row("mul(-3L)", "mul(long)", Domain.REAL, x -> x.mul(-3L), true, LARGE),
                row("div(-3)", "div(double)", Domain.REAL, x -> x.div(-3), true, LARGE));
    }

    /** The entry with error inputs added (an entry is immutable: rebuilt from its parts). */
    private static OpInfo withErrors(OpInfo e, ErrorInput... errors) {
        return OpInfo.builder(e.name()).covers(e.covers().toArray(new String[0])).domain(e.domain()).cases(e.cases())
                .samples(e.samples()).errors(errors).build();
    }

    private static OpInfo row(String name, String covers, Domain domain, Function<Tensor, Tensor> op,
                              boolean zeroIsSmooth, double[] large, double... kinks) {
        return OpInfo.builder(name).covers(covers).domain(domain)
                .cases(OpCase.unary(name, TensorArbitraries.shapes().flatMap(domain::tensors), op))
                .samples(Samples.unary(name, op, 0.7, zeroIsSmooth, large, kinks))
                .build();
    }
}
