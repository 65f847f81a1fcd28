package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.UserCode;
import org.junit.jupiter.api.Test;

/** Anomaly mode: the first NaN or infinity made in forward or backward names its op, place, input and element. */
class AnomalyModeTest {

    @Test
    void forwardNaNNamesTheOpItsCreationSiteAndTheElement() {
        Tensor x = Tensor.of(new double[] {1, 4, -2, 3}).requiresGrad(true).name("x");
        AnomalyException e;
        try (var scope = Autograd.detectAnomaly()) {
            e = assertThrows(AnomalyException.class, () -> UserCode.logOf(x));
        }
        assertEquals("log", e.op());
        assertFalse(e.inBackward());
        assertArrayEquals(new int[] {2}, e.element());
        assertTrue(Double.isNaN(e.value()));
        assertEquals("example.UserCode", e.creationSite().getClassName());
        assertEquals(UserCode.LOG_LINE, e.creationSite().getLineNumber());
        assertTrue(e.getMessage().contains("log made NaN in forward, at element [2] of its output (shape [4])"), e.getMessage());
        assertTrue(e.getMessage().contains("input 0 'x' = -2.0"), e.getMessage());
        assertTrue(e.getMessage().contains("UserCode.java:" + UserCode.LOG_LINE), e.getMessage());
    }

    @Test
    void backwardInfinityNamesTheOpWhereItWasCreatedAndTheInput() {
        Tensor x = Tensor.of(new double[] {1, 4, 0}).requiresGrad(true).name("x");
        AnomalyException e;
        try (var scope = Autograd.detectAnomaly()) {
            Tensor loss = UserCode.sumOfRoots(x);
            e = assertThrows(AnomalyException.class, loss::backward);
        }
        // sqrt's rule computes g / (2√x): the report names sqrt, not the division inside its rule.
        assertEquals("sqrt", e.op());
        assertTrue(e.inBackward());
        assertEquals(0, e.inputIndex());
        assertArrayEquals(new int[] {2}, e.element());
        assertEquals(Double.POSITIVE_INFINITY, e.value());
        assertEquals(UserCode.SQRT_LINE, e.creationSite().getLineNumber());
        assertTrue(e.getMessage().contains("the backward of sqrt made +inf in the gradient of input 0 'x' (shape [3]), at element [2]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("input 0 there = 0.0"), e.getMessage());
    }

    @Test
    void offByDefaultAndOffAgainAfterTheScope() {
        Tensor x = Tensor.of(new double[] {-1, 0}).requiresGrad(true);
        assertFalse(AnomalyMode.isEnabled());
        assertTrue(Double.isNaN(UserCode.logOf(x).get(0)), "without anomaly mode NaN is an ordinary value");
        try (var scope = Autograd.detectAnomaly()) {
            assertTrue(AnomalyMode.isEnabled());
            try (var inner = Autograd.detectAnomaly()) {
                assertTrue(AnomalyMode.isEnabled());
            }
            assertTrue(AnomalyMode.isEnabled(), "scopes nest");
        }
        assertFalse(AnomalyMode.isEnabled());
        UserCode.sumOfRoots(x.detach().abs().requiresGrad(true)).backward();
    }

    @Test
    void aNaNThatWasAlreadyInAnInputIsNotBlamedOnTheOp() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN}).requiresGrad(true);
        try (var scope = Autograd.detectAnomaly()) {
            Tensor y = x.mul(2).exp().sum();
            assertTrue(Double.isNaN(y.item()));
        }
    }

    @Test
    void aNonFiniteSeedIsReportedAtTheFirstOpItReaches() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        try (var scope = Autograd.detectAnomaly()) {
            Tensor y = x.exp();
            AnomalyException e = assertThrows(AnomalyException.class,
                    () -> y.backward(Tensor.of(new double[] {1, Double.NEGATIVE_INFINITY})));
            assertEquals(-1, e.inputIndex());
            assertTrue(e.getMessage().contains("the gradient arriving at the backward of exp holds -inf at element [1]"),
                    e.getMessage());
        }
    }

    @Test
    void theLibrarysOwnTestsCountAsUserCode() {
        Tensor x = Tensor.of(new double[] {2, 0}).requiresGrad(true);
        try (var scope = Autograd.detectAnomaly()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> Tensor.ones(2).div(x));
            assertEquals(AnomalyModeTest.class.getName(), e.creationSite().getClassName());
            assertEquals("+inf", e.getMessage().replaceAll(".* made (\\S+) in forward.*", "$1"));
        }
    }
}
