/**
 * Data for training: {@link org.autodiff.nn.data.Dataset} and its in-memory
 * {@link org.autodiff.nn.data.TensorDataset}, the {@link org.autodiff.nn.data.DataLoader} that
 * cuts a data set into (optionally shuffled) batches, {@link org.autodiff.nn.data.TrainTestSplit},
 * {@link org.autodiff.nn.data.Standardizer}, the built-in real data sets
 * {@link org.autodiff.nn.data.Digits} and {@link org.autodiff.nn.data.Iris}, and seeded synthetic
 * ones in {@link org.autodiff.nn.data.Synthetic}.
 *
 * <pre>{@code
 * TrainTestSplit split = TrainTestSplit.stratified(Digits.load().scale(1.0 / 16), 0.2, 42);
 * DataLoader loader = DataLoader.of(split.train(), 64).shuffle(7);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : loader.epoch(epoch)) {
 *         Tensor logits = model.forward(batch.x());   // [64, 10]
 *         ...                                         // batch.y(): the 64 labels
 *     }
 * }
 * }</pre>
 */
package org.autodiff.nn.data;
