package org.autodiff.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Shrinkable;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The laws on random programs over the registry: shared subexpressions make the chain rule sum
 * over paths, so these check the graph walker's accumulation as much as each op.
 */
class ProgramProperties {

    @Provide
    Arbitrary<OpCase> programs() {
        return ProgramArbitraries.cases();
    }

    @Property(tries = 150)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("programs") OpCase c) {
        Laws.numericMatchesBothModes(c);
        Laws.reverseMatchesForward(c);
    }

    @Property(tries = 150)
    void totalDerivativeIsSumOverIntermediates(@ForAll("programs") OpCase c, @ForAll long seed) {
        Laws.totalDerivativeIsSumOverIntermediates(c, seed);
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Property(tries = 40)
    void secondDerivativesMatchCentralDifferences(@ForAll("programs") OpCase c) {
        Laws.secondOrderMatchesNumeric(c);
    }

    @Test
    void everyProgramOpIsARegistryEntry() {
        for (Program.Op op : Program.Op.values()) {
            OpRegistry.get(op.entry());
        }
    }

    @Test
    void generatedProgramsShareSubexpressions() {
        long shared = ProgramArbitraries.programs().sampleStream().limit(200)
                .filter(p -> java.util.Arrays.stream(p.uses()).anyMatch(u -> u > 1)).count();
        assertTrue(shared > 50, "programs with a value read twice: " + shared + " of 200");
    }

    /** An {@code @Example} rather than a JUnit test: jqwik's generators and shrinkers run on its own threads. */
    @Example
    void aFailureShrinksToAMinimalProgram() {
        // A wrong reverse rule applied to the program's output breaks numeric = reverse for every program:
        // shrinking must strip the program down to one step over one small input.
        Predicate<OpCase> fails = c -> {
            OpCase wrong = OpCase.of("wrong cube of a program",
                    in -> new LawsTest.WrongVjp().apply(c.apply(in).tanh()), c.inputs());
            try {
                Laws.numericMatchesReverse(wrong);
                return false;
            } catch (LawViolation v) {
                return true;
            }
        };
        Random random = new Random(20261202);
        Shrinkable<OpCase> current = ProgramArbitraries.cases().generator(1000).next(random);
        while (!fails.test(current.value()) || current.value().name().split("\n").length < 6) {
            current = ProgramArbitraries.cases().generator(1000).next(random);
        }
        int accepted = 0;
        for (boolean progress = true; progress && accepted < 200; ) {
            progress = false;
            Iterator<Shrinkable<OpCase>> candidates = current.shrink().limit(400).iterator();
            while (candidates.hasNext()) {
                Shrinkable<OpCase> candidate = candidates.next();
                if (fails.test(candidate.value())) {
                    current = candidate;
                    progress = true;
                    accepted++;
                    break;
                }
            }
        }
        OpCase shrunk = current.value();
        assertTrue(fails.test(shrunk), "the shrunk program still fails");
        String program = shrunk.name();
        // "program", one input line, one step, the output line.
        assertEquals(4, program.split("\n").length, program);
        assertTrue(program.contains("v1 = tanh(x0)"), program);
        Tensor[] inputs = shrunk.inputs();
        assertTrue(inputs.length == 1 && inputs[0].numel() == 1, () -> "inputs " + inputs[0].shape());
    }
}
