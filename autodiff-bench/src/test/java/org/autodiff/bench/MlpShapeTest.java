package org.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MlpShapeTest {

    @Test
    void parsesWidthsAndBatch() {
        MlpShape shape = MlpShape.parse("784-256-256-10/128");
        assertArrayEquals(new int[] {784, 256, 256, 10}, shape.widths());
        assertEquals(128, shape.batch());
        assertEquals(784, shape.inputs());
        assertEquals(10, shape.classes());
    }

    @Test
    void rejectsAShapeWithoutBatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpShape.parse("784-10"));
        assertEquals("MLP shape: expected widths/batch such as 784-256-10/256, got 784-10", e.getMessage());
    }
}
