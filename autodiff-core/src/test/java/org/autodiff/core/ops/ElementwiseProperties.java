package org.autodiff.core.ops;

import static org.autodiff.check.TensorArbitraries.awayFrom;
import static org.autodiff.check.TensorArbitraries.awayFromZero;
import static org.autodiff.check.TensorArbitraries.positive;
import static org.autodiff.check.TensorArbitraries.shapes;
import static org.autodiff.check.TensorArbitraries.tensors;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/** The derivative laws for every elementwise op of one tensor, over random shapes and safe domains. */
class ElementwiseProperties {

    /** The op table: name, the domain its inputs come from, the op. */
    private static List<Arbitrary<OpCase>> table() {
        return List.of(
                unary("neg", anywhere(), Tensor::neg),
                unary("exp", anywhere(), Tensor::exp),
                unary("log", positiveDomain(), Tensor::log),
                unary("log1p", shape -> tensors(shape, -0.9, 2), Tensor::log1p),
                unary("sqrt", positiveDomain(), Tensor::sqrt),
                unary("abs", awayFromZeroDomain(), Tensor::abs),
                unary("sin", anywhere(), Tensor::sin),
                unary("cos", anywhere(), Tensor::cos),
                unary("tanh", anywhere(), Tensor::tanh),
                unary("sigmoid", anywhere(), Tensor::sigmoid),
                unary("relu", awayFromZeroDomain(), Tensor::relu),
                unary("leakyRelu(0.1)", awayFromZeroDomain(), x -> x.leakyRelu(0.1)),
                unary("gelu", anywhere(), Tensor::gelu),
                unary("softplus", anywhere(), Tensor::softplus),
                unary("erf", anywhere(), Tensor::erf),
                unary("clamp(-0.5, 0.8)", shape -> awayFrom(shape, -2, 2, -0.5, 0.8), x -> x.clamp(-0.5, 0.8)),
                unary("pow(2)", anywhere(), x -> x.pow(2)),
                unary("pow(3)", anywhere(), x -> x.pow(3)),
                unary("pow(-1.5)", positiveDomain(), x -> x.pow(-1.5)),
                unary("pow(0.5)", positiveDomain(), x -> x.pow(0.5)),
                unary("square", anywhere(), Tensor::square),
                unary("reciprocal", awayFromZeroDomain(), Tensor::reciprocal),
                unary("rsub(1)", anywhere(), x -> x.rsub(1)),
                unary("mul(2.5)", anywhere(), x -> x.mul(2.5)),
                unary("div(-3)", anywhere(), x -> x.div(-3)),
                unary("sign (zero derivative)", awayFromZeroDomain(), x -> x.sign().add(x)));
    }

    private static Function<Shape, Arbitrary<Tensor>> anywhere() {
        return shape -> tensors(shape);
    }

    private static Function<Shape, Arbitrary<Tensor>> positiveDomain() {
        return shape -> positive(shape);
    }

    private static Function<Shape, Arbitrary<Tensor>> awayFromZeroDomain() {
        return shape -> awayFromZero(shape);
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
