package org.autodiff.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.loss.Losses;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void theListHoldsEveryWordOnceInLowerCase() {
        List<String> words = Words.load();
        assertEquals(Words.SIZE, words.size());
        assertEquals(Words.SIZE, new HashSet<>(words).size());
        assertTrue(words.stream().allMatch(w -> w.matches("[a-z]+")));
        assertTrue(words.contains("zebra") && words.contains("autumn"));
    }

    @Test
    void splitIsEightyTenTenBySeedAndCoversEveryWordOnce() {
        List<String> words = Words.load();
        Words.Split a = Words.split(words, 1), b = Words.split(words, 1), c = Words.split(words, 2);
        assertEquals(a, b);
        assertNotEquals(a.test(), c.test());
        assertEquals(51_100, a.train().size());
        assertEquals(6_388, a.validation().size());
        assertEquals(6_387, a.test().size());
        Set<String> all = new HashSet<>(a.train());
        all.addAll(a.validation());
        all.addAll(a.test());
        assertEquals(Words.SIZE, all.size());
    }

    @Test
    void tokensAreTheBoundaryAndTheLetters() {
        assertEquals(0, Words.token('.'));
        assertEquals(1, Words.token('a'));
        assertEquals(26, Words.token('z'));
        assertEquals('q', Words.character(Words.token('q')));
        var bad = assertThrows(IllegalArgumentException.class, () -> Words.token('A'));
        assertTrue(bad.getMessage().contains("'A'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Words.character(27));
    }

    @Test
    void aShortWordIsOneWindowFramedByTheBoundary() {
        NextCharacters data = new NextCharacters(List.of("cab"), 6);
        assertEquals(1, data.size());
        assertEquals(4, data.predictions());
        assertEquals(4, data.length(0));
        Tensor[] batch = data.batch(new int[] {0});
        // inputs . c a b, targets c a b .
        assertEquals(List.of(0L, 3L, 1L, 2L), toList(batch[0].toLongArray()));
        assertEquals(List.of(3L, 1L, 2L, 0L), toList(batch[1].toLongArray()));
        Tensor[] padded = new NextCharacters(List.of("cab", "a"), 6).batch(new int[] {1, 0});
        long ignore = Losses.DEFAULT_IGNORE_INDEX;
        assertEquals(List.of(0L, 1L, 0L, 0L, 0L, 3L, 1L, 2L), toList(padded[0].toLongArray()));
        assertEquals(List.of(1L, 0L, ignore, ignore, 3L, 1L, 2L, 0L), toList(padded[1].toLongArray()));
    }

    @Test
    void aLongWordTakesWindowsThatPredictEachCharacterOnceWithTheMostContext() {
        // "abcdefg": tokens . a b c d e f g . and 8 predictions; context 3.
        NextCharacters data = new NextCharacters(List.of("abcdefg"), 3);
        assertEquals(8, data.predictions());
        assertEquals(3, data.size());
        List<Long> targets = new ArrayList<>();
        for (int w = 0; w < data.size(); w++) {
            Tensor[] b = data.batch(new int[] {w});
            long[] x = b[0].toLongArray(), y = b[1].toLongArray();
            for (int p = 0; p < y.length; p++) {
                if (y[p] != Losses.DEFAULT_IGNORE_INDEX) {
                    targets.add(y[p]);
                    // The input just before each target is the previous token.
                    assertEquals(y[p] == 0 ? 7 : y[p] - 1, x[p]);
                }
            }
        }
        targets.sort(Long::compare);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), targets);
        // The last window ends at the end token and sees the three tokens before it.
        assertEquals(List.of(5L, 6L, 7L), toList(data.batch(new int[] {2})[0].toLongArray()));
    }

    @Test
    void bucketedBatchesHoldEveryWindowOnce() {
        NextCharacters data = new NextCharacters(Words.load().subList(0, 1000), 8);
        List<int[]> batches = data.bucketedBatches(32, new Generator(3));
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (int[] b : batches) {
            for (int w : b) {
                seen.add(w);
            }
            total += b.length;
        }
        assertEquals(data.size(), total);
        assertEquals(data.size(), seen.size());
        assertEquals(data.size(), data.sortedBatches(100).stream().mapToInt(b -> b.length).sum());
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>();
        for (long v : a) {
            out.add(v);
        }
        return out;
    }
}
