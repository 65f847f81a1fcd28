package org.autodiff.core.ops;

import org.autodiff.testkit.OpCase;
import static org.autodiff.testkit.TensorArbitraries.awayFrom;
import static org.autodiff.testkit.TensorArbitraries.shapes;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.testkit.TensorArbitraries;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * The derivative laws for every elementwise op of one tensor (and scalar-exponent pow), over
 * random shapes and each op's safe domain: kinks and poles stay {@link TensorArbitraries#KINK_MARGIN}
 * away, as a difference quotient across them measures neither side (the kinks themselves are
 * fixed in ConventionsTest).
 */
class ElementwiseProperties {

    /** The op table: name, the domain its inputs come from, the op. */
    private static List<Arbitrary<OpCase>> table() {
        return List.of(
                unary("neg", TensorArbitraries::tensors, Tensor::neg),
                unary("exp", TensorArbitraries::tensors, Tensor::exp),
                unary("log", TensorArbitraries::positive, Tensor::log),
                unary("log1p", shape -> tensors(shape, -0.9, 2), Tensor::log1p),
                unary("sqrt", TensorArbitraries::positive, Tensor::sqrt),
                unary("abs", TensorArbitraries::awayFromZero, Tensor::abs),
                unary("sin", TensorArbitraries::tensors, Tensor::sin),
                unary("cos", TensorArbitraries::tensors, Tensor::cos),
                unary("tanh", TensorArbitraries::tensors, Tensor::tanh),
                unary("sigmoid", TensorArbitraries::tensors, Tensor::sigmoid),
                unary("relu", TensorArbitraries::awayFromZero, Tensor::relu),
                unary("leakyRelu(0.1)", TensorArbitraries::awayFromZero, x -> x.leakyRelu(0.1)),
                unary("gelu", TensorArbitraries::tensors, Tensor::gelu),
                unary("softplus", TensorArbitraries::tensors, Tensor::softplus),
                unary("erf", TensorArbitraries::tensors, Tensor::erf),
                unary("expm1", TensorArbitraries::tensors, Tensor::expm1),
                unary("silu", TensorArbitraries::tensors, Tensor::silu),
                unary("gelu(tanh)", TensorArbitraries::tensors, x -> x.gelu("tanh")),
                unary("elu(0.7)", TensorArbitraries::awayFromZero, x -> x.elu(0.7)),
                unary("elu()", TensorArbitraries::awayFromZero, Tensor::elu),
                // βx = 1 is softplus(β, threshold)'s switch from log(1 + e^{βx})/β to x, a jump in value.
                unary("softplus(2, 1)", shape -> awayFrom(shape, -2, 2, 0.5), x -> x.softplus(2, 1)),
                unary("softplus(0.5, 20)", TensorArbitraries::tensors, x -> x.softplus(0.5, 20)),
                unary("clamp(-0.5, 0.8)", shape -> awayFrom(shape, -2, 2, -0.5, 0.8), x -> x.clamp(-0.5, 0.8)),
                unary("pow(2)", TensorArbitraries::tensors, x -> x.pow(2)),
                unary("pow(3)", TensorArbitraries::tensors, x -> x.pow(3)),
                unary("pow(-1.5)", TensorArbitraries::positive, x -> x.pow(-1.5)),
                unary("pow(0.5)", TensorArbitraries::positive, x -> x.pow(0.5)),
                unary("square", TensorArbitraries::tensors, Tensor::square),
                unary("reciprocal", TensorArbitraries::awayFromZero, Tensor::reciprocal),
                unary("rsub(1)", TensorArbitraries::tensors, x -> x.rsub(1)),
                unary("mul(2.5)", TensorArbitraries::tensors, x -> x.mul(2.5)),
                unary("div(-3)", TensorArbitraries::tensors, x -> x.div(-3)),
                unary("sign", TensorArbitraries::awayFromZero, Tensor::sign));
    }

    private static Arbitrary<OpCase> unary(String name, Function<Shape, Arbitrary<Tensor>> domain,
                                           Function<Tensor, Tensor> op) {
        return OpCase.unary(name, shapes().flatMap(domain::apply), op);
    }

    @Provide
    Arbitrary<OpCase> ops() {
        return Arbitraries.oneOf(table());
    }

    @Property(tries = 1500)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.firstOrderMatchesCentralDifferences(c);
    }

    @Property(tries = 1500)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        OpLaws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Property(tries = 600)
    void secondDerivativesMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.secondOrderMatchesCentralDifferences(c);
    }
}
