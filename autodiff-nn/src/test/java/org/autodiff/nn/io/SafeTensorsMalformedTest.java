package org.autodiff.nn.io;

import static org.autodiff.nn.io.SafeTensorsTest.file;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a file can be malformed gives a {@link SafeTensorsFormatException} that says which. */
class SafeTensorsMalformedTest {
    private static final String ONE = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    private static void assertRejected(byte[] bytes, String expectedInMessage) {
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.fromBytes(bytes));
        assertTrue(e.getMessage().contains(expectedInMessage), "message: " + e.getMessage());
    }

    private static byte[] withLength(long length, int totalSize) {
        return ByteBuffer.allocate(totalSize).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    @Test
    void headerLengthIsChecked() {
        assertRejected(new byte[5], "too short");
        assertRejected(withLength(-1, 64), "18446744073709551615");          // 2^64-1 unsigned
        assertRejected(withLength(Long.MIN_VALUE, 64), "outside");
        assertRejected(withLength(SafeTensors.MAX_HEADER_BYTES + 1, 64), "outside");
        assertRejected(withLength(57, 64), "exceeds the 56 bytes");
        assertRejected(withLength(0, 8), "not a safetensors file: header length 0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[]                                                   | not a safetensors file: the header does not start with '{'",
        "{                                                    | not a safetensors file: header length 1",
        "{ x                                                  | expected '\"'",
        "{\"a\":1}                                            | expected '{'",
        "{\"a\":{}}                                           | expected '\"'",
        "{} x                                                 | unexpected 'x'",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},} | expected '\"'",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[]}}             | needs dtype, shape and data_offsets",
        "{\"a\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[0,4]}} | unsupported dtype \"I32\"",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}} | must be non-negative",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}} | not a fraction",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[01],\"data_offsets\":[0,4]}} | leading zero",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[null],\"data_offsets\":[0,4]}} | must be an integer",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}} | too large",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}} | more than 2147483639 elements",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,0],\"data_offsets\":[0,0]}} | exceeds 2147483639",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,0]}} | end before they begin",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0]}} | expected ','",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"x\":1}} | unknown field \"x\"",
        "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}} | duplicate dtype",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}} | needs 8 bytes",
        "{\"__metadata__\":{\"k\":1}}                         | must be a string",
        "{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}         | duplicate __metadata__ key",
        "{\"a\\q\":{}}                                        | invalid escape",
        "{\"\\ud800\":{}}                                     | unpaired surrogate",
        "{\"\\u00G0\":{}}                                     | invalid hex digit",
        "{\"ab                                                | unterminated string",
    })
    void malformedHeadersAreRejected(String header, String expected) {
        assertRejected(file(header.strip(), new double[0], new float[0]), expected);
    }

    @Test
    void duplicateTensorNamesAreRejected() {
        assertRejected(file("{" + ONE + "," + ONE + "}", new double[0], new float[2]), "duplicate key \"a\"");
    }

    @Test
    void controlCharactersAndInvalidUtf8InTheHeaderAreRejected() {
        assertRejected(file("{\"a\tb\":{}}", new double[0], new float[0]), "control character");
        byte[] bytes = file("{\"ab\":{}}", new double[0], new float[0]);
        bytes[10] = (byte) 0xC3;   // a UTF-8 lead byte followed by 'b': malformed
        assertRejected(bytes, "not valid UTF-8");
        assertRejected(file("{\"\\u\uff10\uff10\uff10\uff10\":{}}", new double[0], new float[0]), "invalid hex digit");
    }

    @Test
    void offsetsMustTileTheBufferExactly() {
        String b = "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%d,%d]}";
        assertRejected(file("{" + ONE + "," + b.formatted(4, 8) + "}", new double[0], new float[3]), "overlaps");
        assertRejected(file("{" + ONE + "," + b.formatted(12, 16) + "}", new double[0], new float[4]), "leaves a gap");
        assertRejected(file("{" + ONE + "}", new double[0], new float[1]), "truncated");
        assertRejected(file("{" + ONE + "}", new double[0], new float[3]), "trailing bytes");
        assertRejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new double[0], new float[2]),
                "leaves a gap");
    }

    @Test
    void truncatedFileOnDiskIsRejected(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("t.safetensors");
        SafeTensors.save(p, Map.of("w", Tensor.ones(100)), Map.of());
        byte[] full = Files.readAllBytes(p);
        for (int cut : new int[] {0, 7, 8, 20, full.length - 1}) {
            Files.write(p, Arrays.copyOf(full, cut));
            assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.load(p), "cut at " + cut);
        }
    }

    @Test
    void checkpointWithForeignTensorIsRejected(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("foreign.safetensors");
        SafeTensors.save(p, Map.of("weight", Tensor.ones(1)), Map.of());
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(p));
        assertTrue(e.getMessage().contains("\"weight\""), e.getMessage());
    }
}
