package org.autodiff.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.autodiff.core.Generator;

/**
 * The built-in English word list for character-level language models: 63,875 lower-case words
 * (a–z only) from SCOWL's american-english list (Debian's wamerican; licence in
 * {@code words.LICENSE.txt} beside it), and its vocabulary of 27 tokens: the boundary
 * {@value #BOUNDARY} (token 0), which frames each word as its start and end token, and the letters
 * a–z (tokens 1–26).
 */
public final class Words {
    /** The number of words in the list. */
    public static final int SIZE = 63_875;
    /** The boundary character: before the first letter (start) and after the last (end) of every word. */
    public static final char BOUNDARY = '.';
    /** The number of tokens: the boundary and 26 letters. */
    public static final int VOCABULARY_SIZE = 27;

    private static final String RESOURCE = "words.txt.gz";

    private Words() {
    }

    /** The three parts of a split by word. */
    public record Split(List<String> train, List<String> validation, List<String> test) {
        /**
         * The parts, copied.
         *
         * @param train the training words
         * @param validation the words for choosing and stopping
         * @param test the words held out for the final loss
         */
        public Split {
            train = List.copyOf(Objects.requireNonNull(train, "Words.Split: train"));
            validation = List.copyOf(Objects.requireNonNull(validation, "Words.Split: validation"));
            test = List.copyOf(Objects.requireNonNull(test, "Words.Split: test"));
        }
    }

    /**
     * The whole list, in its (sorted) file order.
     *
     * @return the words
     */
    public static List<String> load() {
        List<String> words = new ArrayList<>(SIZE);
        InputStream raw = Words.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("built-in data set " + RESOURCE + " is missing from the class path (org/autodiff/nn/data/)");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                for (int i = 0; i < line.length(); i++) {
                    token(line.charAt(i));
                }
                if (line.isEmpty()) {
                    throw new IllegalStateException(RESOURCE + ": line " + (words.size() + 1) + " is empty");
                }
                words.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading built-in data set " + RESOURCE, e);
        }
        if (words.size() != SIZE) {
            throw new IllegalStateException(RESOURCE + ": expected " + SIZE + " words, read " + words.size());
        }
        return words;
    }

    /**
     * Splits words 80/10/10 into train, validation and test by a seeded shuffle (each word in exactly one part).
     *
     * @param words the words
     * @param seed the shuffle's seed
     * @return the split
     */
    public static Split split(List<String> words, long seed) {
        Objects.requireNonNull(words, "words");
        int[] order = Permutations.random(words.size(), new Generator(seed));
        int trainEnd = (int) Math.round(words.size() * 0.8), validationEnd = (int) Math.round(words.size() * 0.9);
        List<String> train = new ArrayList<>(), validation = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            (i < trainEnd ? train : i < validationEnd ? validation : test).add(words.get(order[i]));
        }
        return new Split(train, validation, test);
    }

    /**
     * The token of a character.
     *
     * @param c the boundary or a letter a–z
     * @return 0 for the boundary, 1–26 for a–z
     * @throws IllegalArgumentException for any other character
     */
    public static int token(char c) {
        if (c == BOUNDARY) {
            return 0;
        }
        if (c < 'a' || c > 'z') {
            throw new IllegalArgumentException("Words: character '" + c + "' (code " + (int) c + ") is not in the vocabulary "
                    + "(a-z and the boundary '" + BOUNDARY + "')");
        }
        return c - 'a' + 1;
    }

    /**
     * The character of a token.
     *
     * @param token 0–26
     * @return the boundary or a letter
     * @throws IllegalArgumentException for a token outside the vocabulary
     */
    public static char character(int token) {
        if (token < 0 || token >= VOCABULARY_SIZE) {
            throw new IllegalArgumentException("Words: token " + token + " is outside the vocabulary [0, " + VOCABULARY_SIZE + ")");
        }
        return token == 0 ? BOUNDARY : (char) ('a' + token - 1);
    }
}
