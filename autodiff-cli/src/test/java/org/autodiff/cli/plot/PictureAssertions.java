package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks that a file is a real picture: a readable PNG of the expected size with something drawn on it. */
public final class PictureAssertions {
    private PictureAssertions() {
    }

    /** Asserts {@code file} is a {@code width × height} PNG with at least {@code minColours} distinct colours. */
    public static BufferedImage assertPicture(Path file, int width, int height, int minColours) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G',
                file + " does not start with the PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a readable image");
        if (width > 0) {
            assertEquals(width, image.getWidth(), file + " width");
            assertEquals(height, image.getHeight(), file + " height");
        }
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(0, 0), other = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                other += rgb != background ? 1 : 0;
            }
        }
        assertTrue(colours.size() >= minColours, file + " has only " + colours.size() + " colours");
        assertTrue(other > image.getWidth() * image.getHeight() / 50, file + " is almost blank");
        return image;
    }
}
