/**
 * Saving and loading tensors: {@link org.autodiff.nn.io.SafeTensors} reads and writes the
 * safetensors format (Hugging Face's simple, code-free tensor container, readable from Python with
 * {@code safetensors.torch.load_file}), and {@link org.autodiff.nn.io.Checkpoint} stores a model's
 * and an optimizer's state with metadata in one such file. Writes are atomic; reads treat the file
 * as untrusted and fail with {@link org.autodiff.nn.io.SafeTensorsFormatException} on anything
 * malformed.
 */
package org.autodiff.nn.io;
