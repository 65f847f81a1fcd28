package org.autodiff.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.autodiff.core.backend.Conversions;
import org.autodiff.core.ops.Activations;
import org.autodiff.core.ops.Arithmetic;
import org.autodiff.core.ops.Comparisons;
import org.autodiff.core.ops.Convolution;
import org.autodiff.core.ops.Elementwise;
import org.autodiff.core.ops.Movement;
import org.autodiff.core.ops.Reductions;
import org.autodiff.core.ops.Masking;
import org.autodiff.core.ops.MatrixProducts;

/**
 * An n-dimensional array of float32, float64, int64 or bool elements ({@link DType}) that records
 * the operations applied to it, so gradients can be computed by reverse mode ({@link #backward()})
 * and tangents carried by forward mode ({@link #withTangent(Tensor)}). Only floating point
 * tensors take part in differentiation; int64 and bool tensors are indices and masks.
 *
 * <p>Tensors are values: every op returns a new tensor and leaves its inputs alone. Shapes
 * broadcast as in NumPy and PyTorch. Method names follow PyTorch's in Java's spelling:
 * {@code log_softmax} is {@link #logSoftmax(int)}, {@code requires_grad_} is
 * {@link #requiresGrad(boolean)}. Tensors made from a Java array keep its type
 * ({@code double[]} gives float64, {@code float[]} float32, {@code long[]} and {@code int[]}
 * int64, {@code boolean[]} bool); the other factories make float32, PyTorch's default, unless
 * given a {@link DType}.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(DType.FLOAT64, 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3);
 * Tensor loss = x.matmul(w).tanh().sum();
 * loss.backward();
 * w.grad();   // ∂loss/∂w, shape [3, 2]
 * }</pre>
 */
public final class Tensor {
    private final Shape shape;
    private final DType dtype;
    /** A double[], float[], long[] or boolean[], as the dtype says; shared by views. */
    private final Object storage;
    /**
     * A view's layout: the storage positions to step once along each dim, then the position of
     * element [0, ..., 0]. Null for the common dense layout, row-major from position 0 over the
     * whole array, which kernels read without a copy. One nullable field keeps the cost of
     * views off the tensors that are not views (no larger than before views existed).
     */
    private final int[] layout;
    /**
     * In-place modification counter, shared with views of the same storage; null until an
     * in-place update or a view needs it (version 0 until then), so the many tensors that are
     * neither updated nor viewed carry none.
     */
    private int[] version;
    /** The op that computed this tensor, recorded in the graph; null for a leaf. */
    private OpNode gradFn;
    /** The state few tensors have (a leaf's gradient, a tangent, a name, hooks); null when none has been set. */
    private AutogradMeta meta;

    /**
     * A tensor's rarely used fields, kept apart (as PyTorch's {@code AutogradMeta}) so that a
     * tensor computed in a graph, the common case, carries one null field for all of them (a
     * tensor of 40 bytes instead of 56, on every graph node).
     */
    private static final class AutogradMeta {
        /** Set on a leaf by {@link #requiresGrad(boolean)}; a computed tensor requires grad when it has a gradFn. */
        boolean requiresGrad;
        Tensor grad;
        LeafNode leafNode;
        Tensor tangent;
        String name;
        List<UnaryOperator<Tensor>> hooks;
        /** A non-leaf's {@link #retainGrad()}. */
        boolean retainsGrad;
    }

    private Tensor(Shape shape, DType dtype, Object storage, int[] version) {
        this(shape, dtype, storage, 0, null, version);
    }

    private Tensor(Shape shape, DType dtype, Object storage, int offset, int[] strides, int[] version) {
        this.shape = shape;
        this.dtype = dtype;
        this.storage = storage;
        boolean dense = strides == null || offset == 0 && java.lang.reflect.Array.getLength(storage) == shape.numel()
                && StridedCopy.isRowMajor(shape.dims(), strides);
        if (dense) {
            this.layout = null;
        } else {
            // strides may be another tensor's layout, its offset after the strides: copy the strides only.
            this.layout = Arrays.copyOf(strides, shape.rank() + 1);
            this.layout[shape.rank()] = offset;
        }
        this.version = version;
    }

    // =====================================================================================
    // Factories
    // =====================================================================================

    /**
     * A float64 tensor holding a copy of {@code data}; with no shape, a 1-d tensor of its length.
     *
     * @param data the elements in row-major order
     * @param shape the dimensions, whose product must equal {@code data.length}; none for a 1-d tensor
     * @return a new float64 tensor
     */
    public static Tensor of(double[] data, int... shape) {
        Shape s = shapeOf(Objects.requireNonNull(data, "of: data is null").length, shape);
        return wrap(data.clone(), s);
    }

    /**
     * A float32 tensor holding a copy of {@code data}; with no shape, a 1-d tensor of its length.
     *
     * @param data the elements in row-major order
     * @param shape the dimensions, whose product must equal {@code data.length}; none for a 1-d tensor
     * @return a new float32 tensor
     */
    public static Tensor of(float[] data, int... shape) {
        Shape s = shapeOf(Objects.requireNonNull(data, "of: data is null").length, shape);
        return wrap(data.clone(), s);
    }

    /**
     * An int64 tensor holding a copy of {@code data}; with no shape, a 1-d tensor of its length.
     *
     * @param data the elements in row-major order
     * @param shape the dimensions, whose product must equal {@code data.length}; none for a 1-d tensor
     * @return a new int64 tensor
     */
    public static Tensor of(long[] data, int... shape) {
        Shape s = shapeOf(Objects.requireNonNull(data, "of: data is null").length, shape);
        return wrap(data.clone(), s);
    }

    /**
     * An int64 tensor of the values of {@code data} (as {@code torch.tensor} makes int64 of Python ints); with no
     * shape, 1-d.
     *
     * @param data the elements in row-major order
     * @param shape the dimensions, whose product must equal {@code data.length}; none for a 1-d tensor
     * @return a new int64 tensor
     */
    public static Tensor of(int[] data, int... shape) {
        Shape s = shapeOf(Objects.requireNonNull(data, "of: data is null").length, shape);
        return wrap(java.util.Arrays.stream(data).asLongStream().toArray(), s);
    }

    /**
     * A bool tensor holding a copy of {@code data}; with no shape, a 1-d tensor of its length.
     *
     * @param data the elements in row-major order
     * @param shape the dimensions, whose product must equal {@code data.length}; none for a 1-d tensor
     * @return a new bool tensor
     */
    public static Tensor of(boolean[] data, int... shape) {
        Shape s = shapeOf(Objects.requireNonNull(data, "of: data is null").length, shape);
        return wrap(data.clone(), s);
    }

    /**
     * A float64 matrix from rows of equal length.
     *
     * @param rows the matrix rows, all of the same length
     * @return a new float64 tensor of shape [rows, columns]
     */
    public static Tensor of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("of: row " + r + " has " + rows[r].length + " elements, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return wrap(data, Shape.of(rows.length, cols));
    }

    /**
     * A 0-d float64 tensor.
     *
     * @param value the element
     * @return a new 0-d float64 tensor
     */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value}, Shape.SCALAR);
    }

    /**
     * A 0-d tensor of the given dtype (an int64 one holds the value truncated toward zero).
     *
     * @param value the element
     * @param dtype the element type
     * @return a new 0-d tensor
     */
    public static Tensor scalar(double value, DType dtype) {
        return full(dtype, value);
    }

    /**
     * A tensor over {@code storage} without copying it: a {@code double[]}, {@code float[]},
     * {@code long[]} or {@code boolean[]}, which decides the dtype. For op and backend
     * implementers; the caller hands the array over and must not change it.
     *
     * @param storage the array to use as the elements, row-major
     * @param shape the dimensions, whose product must equal the array's length
     * @return a tensor backed by {@code storage}
     */
    public static Tensor wrap(Object storage, Shape shape) {
        Objects.requireNonNull(shape, "wrap: shape is null");
        DType dtype;
        int length;
        if (storage instanceof double[] d) {
            dtype = DType.FLOAT64;
            length = d.length;
        } else if (storage instanceof float[] f) {
            dtype = DType.FLOAT32;
            length = f.length;
        } else if (storage instanceof long[] l) {
            dtype = DType.INT64;
            length = l.length;
        } else if (storage instanceof boolean[] b) {
            dtype = DType.BOOL;
            length = b.length;
        } else {
            throw new IllegalArgumentException("wrap: storage must be a double[], float[], long[] or boolean[], got "
                    + (storage == null ? "null" : storage.getClass().getSimpleName()));
        }
        checkLength(length, shape);
        return new Tensor(shape, dtype, storage, null);
    }

    /**
     * A new zero-filled (false, for bool) tensor of the given dtype and shape.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new tensor of zeros
     */
    public static Tensor empty(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "empty: dtype");
        Objects.requireNonNull(shape, "empty: shape");
        Shape.requireHeapFor("empty", shape, dtype.byteSize());
        int n = shape.numel();
        return wrap(switch (dtype) {
            case FLOAT64 -> new double[n];
            case FLOAT32 -> new float[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        }, shape);
    }

    /**
     * Zeros, float32.
     *
     * @param shape the dimensions
     * @return a new float32 tensor of zeros
     */
    public static Tensor zeros(int... shape) {
        Objects.requireNonNull(shape, "zeros: shape is null");
        return zeros(DType.FLOAT32, shape);
    }

    /**
     * Zeros of the given dtype.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new tensor of zeros (false, for bool)
     */
    public static Tensor zeros(DType dtype, int... shape) {
        Objects.requireNonNull(shape, "zeros: shape is null");
        return empty(dtype, Shape.of(shape));
    }

    /**
     * Ones, float32.
     *
     * @param shape the dimensions
     * @return a new float32 tensor of ones
     */
    public static Tensor ones(int... shape) {
        Objects.requireNonNull(shape, "ones: shape is null");
        return full(DType.FLOAT32, 1.0, shape);
    }

    /**
     * Ones of the given dtype.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new tensor of ones (true, for bool)
     */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1.0, shape);
    }

    /**
     * Zeros with the shape and dtype of {@code t}.
     *
     * @param t the tensor whose shape and dtype to copy
     * @return a new tensor of zeros
     */
    public static Tensor zerosLike(Tensor t) {
        Objects.requireNonNull(t, "zerosLike: t is null");
        return empty(t.dtype, t.shape);
    }

    /**
     * Ones with the shape and dtype of {@code t}.
     *
     * @param t the tensor whose shape and dtype to copy
     * @return a new tensor of ones
     */
    public static Tensor onesLike(Tensor t) {
        Objects.requireNonNull(t, "onesLike: t is null");
        return full(t.dtype, 1.0, t.shape.dims());
    }

    /**
     * Every element {@code value}, float32.
     *
     * @param value the fill value
     * @param shape the dimensions
     * @return a new float32 tensor
     */
    public static Tensor full(double value, int... shape) {
        Objects.requireNonNull(shape, "full: shape is null");
        return full(DType.FLOAT32, value, shape);
    }

    /**
     * Every element {@code value}, of the given dtype: converted as {@link #to(DType)} converts
     * (an int64 tensor holds it truncated toward zero, a bool one {@code value != 0}).
     *
     * @param dtype the element type
     * @param value the fill value
     * @param shape the dimensions
     * @return a new tensor
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        Objects.requireNonNull(shape, "full: shape is null");
        Tensor t = zeros(dtype, shape);
        if (value != 0) {
            switch (dtype) {
                case FLOAT64 -> Arrays.fill((double[]) t.storage, value);
                case FLOAT32 -> Arrays.fill((float[]) t.storage, (float) value);
                case INT64 -> Arrays.fill((long[]) t.storage, Conversions.toLong(value));
                case BOOL -> Arrays.fill((boolean[]) t.storage, true);
            }
        }
        return t;
    }

    /**
     * {@code start, start + step, ...} below {@code end} (above, for a negative step), float32.
     *
     * @param start the first value
     * @param end the bound, not included
     * @param step the difference between neighbours, not 0
     * @return a new 1-d float32 tensor
     */
    public static Tensor arange(double start, double end, double step) {
        return arange(DType.FLOAT32, start, end, step);
    }

    /**
     * {@code arange} of the given dtype. As in PyTorch, a step whose sign points away from
     * {@code end} is an error, not an empty result.
     *
     * @param dtype the element type
     * @param start the first value
     * @param end the bound, not included
     * @param step the difference between neighbours, not 0
     * @return a new 1-d tensor
     */
    public static Tensor arange(DType dtype, double start, double end, double step) {
        Objects.requireNonNull(dtype, "arange: dtype");
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: need finite start, end and a non-zero step; got start=" + start
                    + ", end=" + end + ", step=" + step);
        }
        if (step > 0 ? end < start : end > start) {
            throw new IllegalArgumentException("arange: upper bound and larger bound inconsistent with step sign: start="
                    + start + ", end=" + end + ", step=" + step);
        }
        int n = Shape.checkedSize("arange", "the number of values ceil((end - start) / step) for start=" + start + ", end="
                + end + ", step=" + step, Math.ceil((end - start) / step));
        Shape.requireHeapFor("arange", Shape.of(n), Double.BYTES + dtype.byteSize());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return of(v).to(dtype);
    }

    /**
     * {@code steps} evenly spaced values from {@code start} to {@code end} inclusive, float32.
     *
     * @param start the first value
     * @param end the last value
     * @param steps how many values, at least 0
     * @return a new 1-d float32 tensor
     */
    public static Tensor linspace(double start, double end, int steps) {
        return linspace(DType.FLOAT32, start, end, steps);
    }

    /**
     * {@code linspace} of the given dtype.
     *
     * @param dtype the element type
     * @param start the first value
     * @param end the last value
     * @param steps how many values, at least 0
     * @return a new 1-d tensor
     */
    public static Tensor linspace(DType dtype, double start, double end, int steps) {
        Objects.requireNonNull(dtype, "linspace: dtype");
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be non-negative, got " + steps);
        }
        Shape shape = Shape.of("linspace", steps);
        Shape.requireHeapFor("linspace", shape, Double.BYTES + dtype.byteSize());
        double[] v = new double[steps];
        if (steps == 1) {
            // A single point is the start, as in PyTorch: there is no step to reach the end with.
            v[0] = start;
        } else {
            double step = (end - start) / (steps - 1);
            for (int i = 0; i < steps; i++) {
                // As PyTorch: fill the second half from the end so both endpoints are exact.
                v[i] = i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step;
            }
        }
        return of(v).to(dtype);
    }

    /**
     * The n×n identity, float32.
     *
     * @param n the number of rows and columns
     * @return a new float32 tensor of shape [n, n]
     */
    public static Tensor eye(int n) {
        return eye(DType.FLOAT32, n);
    }

    /**
     * The n×n identity of the given dtype.
     *
     * @param dtype the element type
     * @param n the number of rows and columns
     * @return a new tensor of shape [n, n]
     */
    public static Tensor eye(DType dtype, int n) {
        Objects.requireNonNull(dtype, "eye: dtype");
        if (n < 0) {
            throw new IllegalArgumentException("eye: n must be non-negative, got " + n);
        }
        Shape.requireHeapFor("eye", Shape.of("eye", n, n), Double.BYTES + dtype.byteSize());
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        return wrap(v, Shape.of(n, n)).to(dtype);
    }

    /**
     * Uniform in [0, 1) from the global {@link Generator}, float32.
     *
     * @param shape the dimensions
     * @return a new float32 tensor of random values
     */
    public static Tensor rand(int... shape) {
        Objects.requireNonNull(shape, "rand: shape is null");
        return rand(Generator.global(), DType.FLOAT32, shape);
    }

    /**
     * Uniform in [0, 1) of the given dtype from the global {@link Generator}.
     *
     * @param dtype the element type, floating point
     * @param shape the dimensions
     * @return a new tensor of random values
     */
    public static Tensor rand(DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "rand: dtype is null");
        Objects.requireNonNull(shape, "rand: shape is null");
        return rand(Generator.global(), dtype, shape);
    }

    /**
     * Uniform in [0, 1) from {@code generator}; the dtype must be floating point, as in PyTorch.
     *
     * @param generator the source of random numbers
     * @param dtype the element type, floating point
     * @param shape the dimensions
     * @return a new tensor of random values
     */
    public static Tensor rand(Generator generator, DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "rand: dtype is null");
        Objects.requireNonNull(shape, "rand: shape is null");
        requireFloatingPoint("rand", dtype);
        Shape s = Shape.of(shape);
        Shape.requireHeapFor("rand", s, Double.BYTES + dtype.byteSize());
        double[] v = new double[s.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = generator.nextUniform();
        }
        return wrap(v, s).to(dtype);
    }

    /**
     * Standard normal from the global {@link Generator}, float32.
     *
     * @param shape the dimensions
     * @return a new float32 tensor of random values
     */
    public static Tensor randn(int... shape) {
        Objects.requireNonNull(shape, "randn: shape is null");
        return randn(Generator.global(), DType.FLOAT32, shape);
    }

    /**
     * Standard normal of the given dtype from the global {@link Generator}.
     *
     * @param dtype the element type, floating point
     * @param shape the dimensions
     * @return a new tensor of random values
     */
    public static Tensor randn(DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "randn: dtype is null");
        Objects.requireNonNull(shape, "randn: shape is null");
        return randn(Generator.global(), dtype, shape);
    }

    /**
     * Standard normal from {@code generator}; the dtype must be floating point, as in PyTorch.
     *
     * @param generator the source of random numbers
     * @param dtype the element type, floating point
     * @param shape the dimensions
     * @return a new tensor of random values
     */
    public static Tensor randn(Generator generator, DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "randn: dtype is null");
        Objects.requireNonNull(shape, "randn: shape is null");
        requireFloatingPoint("randn", dtype);
        Shape s = Shape.of(shape);
        Shape.requireHeapFor("randn", s, Double.BYTES + dtype.byteSize());
        double[] v = new double[s.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = generator.nextNormal();
        }
        return wrap(v, s).to(dtype);
    }

    private static void requireFloatingPoint(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": dtype " + dtype + " is not a floating point dtype; draw in float32 "
                    + "or float64 and convert with to(" + dtype.name() + ")");
        }
    }

    /** The shape of an array of {@code length} elements: {@code shape}, or 1-d when none is given. */
    private static Shape shapeOf(int length, int[] shape) {
        Objects.requireNonNull(shape, "of: shape is null");
        Shape s = shape.length == 0 ? Shape.of(length) : Shape.of(shape);
        checkLength(length, s);
        return s;
    }

    private static void checkLength(int length, Shape shape) {
        if (length != shape.numel()) {
            throw new IllegalArgumentException("data has " + length + " elements but shape " + shape + " needs "
                    + shape.numel());
        }
    }

    // =====================================================================================
    // Properties and element access
    // =====================================================================================

    /**
     * The shape.
     *
     * @return the dimensions of this tensor
     */
    public Shape shape() {
        return shape;
    }

    /**
     * The size of dimension {@code d} (negative counts from the end).
     *
     * @param d the dimension index
     * @return the number of elements along dimension {@code d}
     */
    public int size(int d) {
        return shape.size(d);
    }

    /**
     * Number of dimensions.
     *
     * @return the rank, 0 for a scalar
     */
    public int dim() {
        return shape.rank();
    }

    /**
     * Number of elements.
     *
     * @return the product of the dimensions
     */
    public int numel() {
        return shape.numel();
    }

    /**
     * The element type.
     *
     * @return float32, float64, int64 or bool
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The value of a one-element tensor, as a double: exact for floating point and bool (1 or 0)
     * and for int64 up to 2^53 in magnitude; {@link #toLongArray()} reads any int64 exactly.
     *
     * @return the single element
     */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: only a one-element tensor has an item; this one has shape " + shape);
        }
        return at(0);
    }

    /**
     * The element at {@code index} (one index per dimension), as a double (see {@link #item()}).
     *
     * @param index one index per dimension, negative ones counting from the end
     * @return the element
     */
    public double get(int... index) {
        Objects.requireNonNull(index, "get: index is null");
        if (index.length != dim()) {
            throw new IllegalArgumentException("get: a tensor of shape " + shape + " needs " + dim() + " indices, got "
                    + index.length);
        }
        int flat = 0;
        for (int d = 0; d < index.length; d++) {
            int i = index[d];
            int n = shape.size(d);
            if (i < -n || i >= n) {
                throw new IndexOutOfBoundsException("get: index " + i + " is out of bounds for dimension " + d
                        + " of size " + n);
            }
            flat = flat * n + (i < 0 ? i + n : i);
        }
        return at(flat);
    }

    /** The element at a row-major flat index. */
    private double at(int flat) {
        flat = position(flat);
        return switch (dtype) {
            case FLOAT64 -> ((double[]) storage)[flat];
            case FLOAT32 -> ((float[]) storage)[flat];
            case INT64 -> ((long[]) storage)[flat];
            case BOOL -> ((boolean[]) storage)[flat] ? 1 : 0;
        };
    }

    /**
     * A copy of the elements, row-major, as doubles (bool as 1 and 0).
     *
     * @return a new array of the elements
     */
    public double[] toDoubleArray() {
        return Conversions.toDoubles(storage());
    }

    /**
     * A copy of the elements, row-major, as floats (each rounded to the nearest float).
     *
     * @return a new array of the elements
     */
    public float[] toFloatArray() {
        return Conversions.toFloats(storage());
    }

    /**
     * A copy of the elements, row-major, as longs: exact for int64, truncated toward zero for
     * floating point (as {@code to(INT64)}), 1 and 0 for bool.
     *
     * @return a new array of the elements
     */
    public long[] toLongArray() {
        return Conversions.toLongs(storage());
    }

    /**
     * A copy of the elements, row-major, as booleans: true where not 0 (as {@code to(BOOL)}).
     *
     * @return a new array of the elements
     */
    public boolean[] toBooleanArray() {
        return Conversions.toBooleans(storage());
    }

    /**
     * The elements in row-major order, as the array kernels read: a {@code double[]},
     * {@code float[]}, {@code long[]} or {@code boolean[]} as {@link #dtype()} says, of length
     * {@link #numel()}. For a tensor that owns its storage densely (every tensor not made by a
     * view op such as {@link #transpose}, {@link #slice} or {@link #expand}) this is the backing
     * array itself, shared and not copied; for any other view it is a fresh row-major copy, made
     * once per call. For op and backend implementers: reading it is fine, writing it breaks the
     * value semantics (and, for a view, changes nothing).
     *
     * @return the {@code double[]}, {@code float[]}, {@code long[]} or {@code boolean[]} holding the elements
     * @throws TensorTooLargeException if a view's copy cannot fit the heap
     */
    public Object storage() {
        if (layout == null) {
            return storage;
        }
        // The one place where a view's elements are copied for a kernel that reads row-major arrays.
        Shape.requireHeapFor("storage", shape, dtype.byteSize());
        return StridedCopy.gather(storage, storageOffset(), shape.dims(), layout, numel());
    }

    /**
     * The storage positions to step once along each dim, as PyTorch's {@code stride()}: row-major
     * for a tensor that owns its storage, permuted by {@link #transpose}, 0 along the dims
     * {@link #expand} broadcast, and multiplied by the step of a {@link #slice}.
     *
     * @return a new array, one stride per dim
     */
    public int[] strides() {
        return layout == null ? shape.strides() : Arrays.copyOf(layout, shape.rank());
    }

    /**
     * Where element {@code [0, ..., 0]} lives in the shared storage, as PyTorch's {@code storage_offset()}.
     *
     * @return the offset into the storage, in elements
     */
    public int storageOffset() {
        return layout == null ? 0 : layout[shape.rank()];
    }

    /**
     * True if the elements lie row-major without gaps from {@link #storageOffset()}, as PyTorch's
     * {@code is_contiguous()} (dims of size 1 may have any stride).
     *
     * @return whether this tensor's layout is row-major
     */
    public boolean isContiguous() {
        return layout == null || StridedCopy.isRowMajor(shape.dims(), layout);
    }

    /**
     * True if the elements fill the backing array row-major from its start, so that
     * {@link #storage()} hands out that array without a copy: every tensor not made by a view op,
     * and reshapes of such tensors. False for a view that skips, reorders, repeats or offsets
     * elements (a slice, a transpose, an expand).
     *
     * @return whether the kernels read this tensor's own array
     */
    public boolean isDense() {
        return layout == null;
    }

    /**
     * This tensor if it {@link #isContiguous() is contiguous}, else a row-major copy of it
     * (differentiable), as PyTorch's {@code contiguous()}.
     *
     * @return a contiguous tensor with this tensor's values
     */
    public Tensor contiguous() {
        return isContiguous() ? this : Movement.copy(this);
    }

    /**
     * A view of this tensor's storage with the given sizes, strides and storage offset, as
     * PyTorch's {@code as_strided}, sharing the storage and the version counter. Values only: it
     * records no graph (the view ops' forward passes build their results with it). Every position
     * the view reaches must lie in the storage.
     *
     * @param newShape the view's sizes
     * @param newStrides the storage positions to step once along each dim (0 repeats an element)
     * @param storageOffset where element {@code [0, ..., 0]} of the view lives in the storage
     * @return a tensor sharing this tensor's storage
     * @throws IllegalArgumentException if the view would reach outside the storage, or a stride is negative
     */
    public Tensor asStrided(Shape newShape, int[] newStrides, int storageOffset) {
        Objects.requireNonNull(newShape, "asStrided: newShape is null");
        Objects.requireNonNull(newStrides, "asStrided: newStrides is null");
        if (newStrides.length != newShape.rank()) {
            throw new IllegalArgumentException("asStrided: " + newStrides.length + " strides " + Arrays.toString(newStrides)
                    + " for shape " + newShape);
        }
        int length = java.lang.reflect.Array.getLength(storage);
        int[] dims = newShape.dims();
        for (int st : newStrides) {
            if (st < 0) {
                throw new IllegalArgumentException("asStrided: negative stride in " + Arrays.toString(newStrides));
            }
        }
        long[] extent = StridedCopy.extent(storageOffset, dims, newStrides);
        if (storageOffset < 0 || extent != null && extent[1] >= length) {
            throw new IllegalArgumentException("asStrided: shape " + newShape + " with strides "
                    + Arrays.toString(newStrides) + " from offset " + storageOffset
                    + " reaches outside a storage of " + length + " elements");
        }
        return new Tensor(newShape, dtype, storage, storageOffset, newStrides.clone(), sharedVersion());
    }

    /** The storage position of the element at a row-major flat index. */
    private int position(int flat) {
        if (layout == null) {
            return flat;
        }
        int pos = storageOffset();
        for (int d = shape.rank() - 1; d >= 0; d--) {
            int n = shape.size(d);
            pos += flat % n * layout[d];
            flat /= n;
        }
        return pos;
    }

    /**
     * The in-place modification counter (shared with views).
     *
     * @return how many in-place updates the storage has seen
     */
    public int version() {
        int[] v = version;
        return v == null ? 0 : v[0];
    }

    /**
     * The version counter, made on first use, for a tensor about to share this one's storage. Made
     * under a lock so that two threads viewing one tensor (a weight) get the same counter.
     */
    private int[] sharedVersion() {
        int[] v = version;
        if (v == null) {
            synchronized (this) {
                if (version == null) {
                    version = new int[1];
                }
                v = version;
            }
        }
        return v;
    }

    // =====================================================================================
    // Autograd
    // =====================================================================================

    /**
     * Whether gradients flow to or through this tensor.
     *
     * @return true if gradients are tracked for this tensor
     */
    public boolean requiresGrad() {
        return gradFn != null || meta != null && meta.requiresGrad;
    }

    /**
     * Marks a leaf as needing its gradient (PyTorch's {@code requires_grad_}); returns this.
     * Only leaves can be changed: a computed tensor requires grad exactly when an input did.
     * Only floating point tensors can require gradients, as in PyTorch.
     *
     * @param value true to track gradients for this leaf
     * @return this tensor
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("requiresGrad: only a leaf can be changed; this tensor was computed by "
                    + gradFn.opName() + ". Use detach() to get a tensor outside the graph");
        }
        if (value && !dtype.isFloatingPoint()) {
            throw new IllegalStateException("requiresGrad: only tensors of floating point dtype can require gradients; "
                    + "this one is " + dtype + " (shape " + shape + ")");
        }
        if (gradFn == null && (value || meta != null)) {
            meta().requiresGrad = value;
        }
        return this;
    }

    /**
     * The accumulated gradient of a leaf, or of a non-leaf after {@link #retainGrad()}; null
     * before any backward pass reached it. A non-leaf's gradient is not kept unless asked for, so
     * without retainGrad this is null for it (where PyTorch returns None with a warning, which a
     * Java getter cannot give).
     *
     * @return the gradient, of this tensor's shape and dtype, or null
     */
    public Tensor grad() {
        return meta == null ? null : meta.grad;
    }

    /**
     * Asks backward passes to keep this non-leaf tensor's gradient in {@link #grad()}, accumulated
     * like a leaf's (PyTorch's {@code retain_grad}); the gradient kept is the one after this
     * tensor's hooks. A no-op on a leaf, which keeps its gradient anyway. Returns this.
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor does not require grad
     */
    public Tensor retainGrad() {
        if (!requiresGrad()) {
            throw new IllegalStateException("retainGrad: this tensor (shape " + shape + ") does not require grad, so no "
                    + "gradient will reach it");
        }
        if (gradFn != null) {
            meta().retainsGrad = true;
        }
        return this;
    }

    /**
     * Whether backward keeps this tensor's gradient: true for a leaf that requires grad and after {@link
     * #retainGrad()}.
     *
     * @return true if {@link #grad()} will hold this tensor's gradient after backward
     */
    public boolean retainsGrad() {
        return gradFn == null ? requiresGrad() : retainsGradAsNonLeaf();
    }

    /**
     * Sets the accumulated gradient (null clears it), e.g. when loading optimizer state. It must
     * have this tensor's shape and dtype, as PyTorch requires of an assigned {@code .grad}: later
     * backward passes add into it, and optimizers update this tensor from it.
     *
     * @param g the gradient, or null to clear it
     */
    public void setGrad(Tensor g) {
        if (g != null && !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("setGrad: a " + dtype + " tensor cannot have a gradient (shape " + shape
                    + "); only floating point tensors can");
        }
        if (g != null && !g.shape.equals(shape)) {
            throw new IllegalArgumentException("setGrad: gradient of shape " + g.shape + " for a tensor of shape " + shape);
        }
        if (g != null && g.dtype != dtype) {
            throw new IllegalArgumentException("setGrad: gradient of dtype " + g.dtype + " for a tensor of dtype " + dtype
                    + " (shape " + shape + "); convert it with to(" + dtype.name() + ") first");
        }
        if (g != null || meta != null) {
            meta().grad = g;
        }
    }

    /** Clears the accumulated gradient (PyTorch's default {@code set_to_none}). */
    public void zeroGrad() {
        if (meta != null) {
            meta.grad = null;
        }
    }

    /**
     * Gives this tensor a name that adjoint traces, graph pictures and error messages show
     * (e.g. {@code "w"} for a weight, {@code "φ"} for an intermediate); returns this. A name is
     * a label only: it changes no value, and null removes it.
     *
     * @param name the label, or null for none
     * @return this tensor
     */
    public Tensor name(String name) {
        if (name != null || meta != null) {
            meta().name = name;
        }
        return this;
    }

    /**
     * The name given by {@link #name(String)}, or null.
     *
     * @return the label, or null
     */
    public String name() {
        return meta == null ? null : meta.name;
    }

    /**
     * Whether this is a leaf: created by the user rather than computed by a recorded op.
     *
     * @return true for a leaf
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The name of the op that computed this tensor, or null for a leaf.
     *
     * @return the op's name, or null
     */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.opName();
    }

    /**
     * The tensors the recording op computed this one from (empty for a leaf or a freed graph).
     *
     * @return a new array of the op's inputs
     */
    public Tensor[] gradFnInputs() {
        Tensor[] in = gradFn == null ? null : gradFn.inputs();
        return in == null ? new Tensor[0] : in.clone();
    }

    /** Backpropagates from this one-element tensor: ∂this/∂leaf accumulates into each leaf's grad. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /**
     * Backpropagates with ∂L/∂this = {@code gradOutput}.
     *
     * @param gradOutput ∂L/∂this, of this tensor's shape
     */
    public void backward(Tensor gradOutput) {
        Autograd.backward(this, gradOutput, false, false);
    }

    /**
     * Backpropagates with ∂L/∂this = {@code gradOutput} (null for a one-element tensor), keeping
     * the graph if {@code retainGraph}, and recording the backward pass if {@code createGraph}.
     *
     * @param gradOutput ∂L/∂this, of this tensor's shape, or null for a one-element tensor
     * @param retainGraph true to keep the graph for another backward pass
     * @param createGraph true to record the backward pass, for higher derivatives
     */
    public void backward(Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradOutput, retainGraph, createGraph);
    }

    /**
     * The same values outside the graph: no gradient flows through the result. Shares storage.
     *
     * @return a tensor that does not require grad
     */
    public Tensor detach() {
        return new Tensor(shape, dtype, storage, storageOffset(), layout, sharedVersion());
    }

    /**
     * A copy with its own storage, as PyTorch's {@code clone()} (differentiable).
     *
     * @return the copy
     */
    public Tensor copy() {
        return Movement.copy(this);
    }

    /**
     * Registers a hook that sees the gradient arriving at this tensor during backward and may
     * return a replacement (or null to keep it), as PyTorch's {@code register_hook}.
     *
     * @param hook maps the incoming gradient to a replacement, or to null to keep it
     * @return this tensor
     */
    public Tensor registerHook(UnaryOperator<Tensor> hook) {
        Objects.requireNonNull(hook, "hook");
        if (!requiresGrad()) {
            throw new IllegalStateException("registerHook: this tensor" + nameTag() + " does not require grad, so no gradient will reach it");
        }
        AutogradMeta m = meta();
        if (m.hooks == null) {
            m.hooks = new ArrayList<>();
        }
        m.hooks.add(hook);
        return this;
    }

    /**
     * The tangent carried for forward mode, or null.
     *
     * @return the tangent, or null
     */
    public Tensor tangent() {
        return meta == null ? null : meta.tangent;
    }

    /**
     * A tensor with this one's values carrying {@code tangent} for forward mode (PyTorch's
     * {@code make_dual}): every op applied to it computes its output's tangent, the
     * Jacobian-vector product, alongside its value.
     *
     * @param tangent the direction, of this tensor's shape
     * @return a dual tensor carrying the tangent
     */
    public Tensor withTangent(Tensor tangent) {
        Objects.requireNonNull(tangent, "tangent");
        if (!dtype.isFloatingPoint() || !tangent.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("withTangent: only floating point tensors carry tangents; got a " + dtype
                    + " tensor with a " + tangent.dtype + " tangent (shape " + shape + ")");
        }
        if (!tangent.shape.equals(shape)) {
            throw new IllegalArgumentException("withTangent: tangent of shape " + tangent.shape + " for a tensor of shape "
                    + shape);
        }
        Tensor dual = Movement.alias(this);
        dual.setTangent(tangent.to(dtype));
        dual.name(name());
        return dual;
    }

    // ---- engine side

    /** " 'w'" for a tensor named w, "" for an unnamed one: how messages mention a tensor's name. */
    String nameTag() {
        String name = name();
        return name == null ? "" : " '" + name + "'";
    }

    /** This tensor's rarely used fields, made on first use. */
    private AutogradMeta meta() {
        if (meta == null) {
            meta = new AutogradMeta();
        }
        return meta;
    }

    TensorNode node() {
        if (gradFn != null) {
            return gradFn;
        }
        if (meta == null || !meta.requiresGrad) {
            return null;
        }
        if (meta.leafNode == null) {
            meta.leafNode = new LeafNode(this);
        }
        return meta.leafNode;
    }

    void recordedBy(OpNode node) {
        gradFn = node;
    }

    void setTangent(Tensor t) {
        if (t != null || meta != null) {
            meta().tangent = t;
        }
    }

    /** The gradient hooks registered on this tensor, in order (none: an empty list). */
    List<UnaryOperator<Tensor>> hooks() {
        return meta == null || meta.hooks == null ? List.of() : meta.hooks;
    }

    /** Whether {@link #retainGrad()} asked this non-leaf to keep its gradient. */
    boolean retainsGradAsNonLeaf() {
        return meta != null && meta.retainsGrad;
    }

    /**
     * Adds g to this tensor's gradient: the first one becomes the gradient, a copy of it unless g
     * is part of a graph (createGraph) or fresh, held by no other tensor and carrying no tangent,
     * in which case it is kept as it is (PyTorch's AccumulateGrad steals such a gradient too).
     */
    void accumulateGrad(Tensor g, boolean fresh) {
        AutogradMeta m = meta();
        if (m.grad == null) {
            boolean keep = g.requiresGrad() || fresh && g.isDense() && g.tangent() == null;
            m.grad = keep ? g : Movement.copy(g.detach());
        } else {
            m.grad = m.grad.add(g);
        }
    }

    /** Whether other's elements live in this tensor's storage array (a view of one another, or the same). */
    boolean sharesStorageWith(Tensor other) {
        return other != null && storage == other.storage;
    }

    /** The tensor an op may hand out as its result: a fresh one if forward returned an input or a graph tensor. */
    Tensor freshResult(Tensor[] inputs) {
        boolean reused = requiresGrad() || tangent() != null;
        for (Tensor t : inputs) {
            reused |= t == this;
        }
        return reused ? new Tensor(shape, dtype, storage, storageOffset(), layout, sharedVersion()) : this;
    }

    /**
     * A tensor of another shape over the same storage and version counter (for reshape), as
     * PyTorch's {@code view}: possible for every contiguous tensor, and for other views when
     * the new dims only split or merge dims that step through storage as one.
     *
     * @param newShape the new dimensions, with as many elements as this tensor
     * @return a view sharing this tensor's storage
     * @throws IllegalArgumentException if the element counts differ, or this view's strides do not allow the shape
     */
    public Tensor viewAs(Shape newShape) {
        Objects.requireNonNull(newShape, "viewAs: newShape is null");
        checkLength(numel(), newShape);
        if (layout == null) {
            return new Tensor(newShape, dtype, storage, sharedVersion());
        }
        int[] viewStrides = Movement.viewStrides(shape, strides(), newShape);
        if (viewStrides == null) {
            throw new IllegalArgumentException("viewAs: a view of shape " + shape + " with strides "
                    + Arrays.toString(strides()) + " cannot be seen as shape " + newShape
                    + "; use reshape(), which copies when it must, or contiguous() first");
        }
        return new Tensor(newShape, dtype, storage, storageOffset(), viewStrides, sharedVersion());
    }

    // =====================================================================================
    // In-place updates (for optimizers; not differentiable)
    // =====================================================================================
    // Views share storage and the version counter, as in PyTorch: an update through a view is
    // seen by its base and by every other view of the storage (transpose, permute, expand,
    // slice, reshape, squeeze, unsqueeze, viewAs, detach), and backward refuses saved tensors
    // whose storage changed since they were saved.

    /**
     * {@code this += alpha · other} in place, broadcasting other to this shape; returns this.
     *
     * @param other the tensor to add, broadcast to this shape
     * @param alpha the factor on {@code other}
     * @return this tensor
     */
    public Tensor addInPlace(Tensor other, double alpha) {
        Objects.requireNonNull(other, "addInPlace: other is null");
        checkInPlace("addInPlace");
        Tensor target = inPlaceTarget("addInPlace");
        Arithmetic.addInPlace(target, other, alpha);
        writeBack(target);
        return this;
    }

    /**
     * {@code this *= factor} in place; returns this.
     *
     * @param factor the multiplier
     * @return this tensor
     */
    public Tensor mulInPlace(double factor) {
        checkInPlace("mulInPlace");
        Tensor target = inPlaceTarget("mulInPlace");
        Arithmetic.mulInPlace(target, factor);
        writeBack(target);
        return this;
    }

    /**
     * Copies {@code source}'s values (broadcast to this shape) into this tensor; returns this.
     *
     * @param source the values to copy, broadcast to this shape
     * @return this tensor
     */
    public Tensor copyFrom(Tensor source) {
        Objects.requireNonNull(source, "copyFrom: source is null");
        checkInPlace("copyFrom");
        Tensor target = inPlaceTarget("copyFrom");
        Arithmetic.copyInto(target, source);
        writeBack(target);
        return this;
    }

    /**
     * The dense tensor an in-place kernel updates: this one when it owns its storage densely,
     * else a row-major copy of a view, which {@link #writeBack} stores through the view. A view
     * whose elements share storage positions (an expand) is refused, as PyTorch refuses it.
     */
    Tensor inPlaceTarget(String op) {
        if (layout == null) {
            return this;
        }
        for (int d = 0; d < shape.rank(); d++) {
            if (layout[d] == 0 && shape.size(d) > 1) {
                throw new IllegalStateException(op + ": more than one element of this view (shape " + shape + ", strides "
                        + Arrays.toString(strides()) + ") refers to a single memory location, as after expand(); "
                        + "copy() the tensor before updating it in place");
            }
        }
        // A copy of the view's elements: its own storage, no counter to share.
        return new Tensor(shape, dtype, storage(), null);
    }

    /** Stores an updated {@link #inPlaceTarget} through this view and counts the update for every view of the storage. */
    void writeBack(Tensor target) {
        if (target != this) {
            StridedCopy.scatter(target.storage, storage, storageOffset(), shape.dims(), layout);
        }
        sharedVersion()[0]++;
    }

    void checkInPlace(String op) {
        if (requiresGrad() && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": a tensor that requires grad (shape " + shape + ") cannot be "
                    + "modified in place while grad mode is on; do it inside GradMode.noGrad()");
        }
    }

    // =====================================================================================
    // Arithmetic (broadcasting)
    // =====================================================================================

    /**
     * {@code this + other}.
     *
     * @param other the addend, broadcast with this tensor
     * @return the sum
     */
    public Tensor add(Tensor other) {
        Objects.requireNonNull(other, "add: input 'other' is null");
        return Arithmetic.add(this, other);
    }

    /**
     * {@code this + c}, c a float (see {@link DType} for what a Java number operand promotes to).
     *
     * @param c the addend
     * @return the sum
     */
    public Tensor add(double c) {
        return Arithmetic.add(this, constant(c));
    }

    /**
     * {@code this + c}, c an integer: an int64 tensor stays int64, exactly.
     *
     * @param c the addend
     * @return the sum
     */
    public Tensor add(long c) {
        return Arithmetic.add(this, constant(c));
    }

    /**
     * {@code this - other}.
     *
     * @param other the subtrahend, broadcast with this tensor
     * @return the difference
     */
    public Tensor sub(Tensor other) {
        Objects.requireNonNull(other, "sub: input 'other' is null");
        return Arithmetic.sub(this, other);
    }

    /**
     * {@code this - c}, c a float.
     *
     * @param c the subtrahend
     * @return the difference
     */
    public Tensor sub(double c) {
        return Arithmetic.sub(this, constant(c));
    }

    /**
     * {@code this - c}, c an integer.
     *
     * @param c the subtrahend
     * @return the difference
     */
    public Tensor sub(long c) {
        return Arithmetic.sub(this, constant(c));
    }

    /**
     * {@code c - this}, c a float.
     *
     * @param c the minuend
     * @return the difference
     */
    public Tensor rsub(double c) {
        return Arithmetic.sub(constant(c), this);
    }

    /**
     * {@code c - this}, c an integer.
     *
     * @param c the minuend
     * @return the difference
     */
    public Tensor rsub(long c) {
        return Arithmetic.sub(constant(c), this);
    }

    /**
     * {@code this * other}, elementwise.
     *
     * @param other the factor, broadcast with this tensor
     * @return the product
     */
    public Tensor mul(Tensor other) {
        Objects.requireNonNull(other, "mul: input 'other' is null");
        return Arithmetic.mul(this, other);
    }

    /**
     * {@code this * c}, c a float.
     *
     * @param c the factor
     * @return the product
     */
    public Tensor mul(double c) {
        return Arithmetic.mul(this, constant(c));
    }

    /**
     * {@code this * c}, c an integer.
     *
     * @param c the factor
     * @return the product
     */
    public Tensor mul(long c) {
        return Arithmetic.mul(this, constant(c));
    }

    /**
     * {@code this / other}, elementwise; true division, so integer operands give float32, as in PyTorch.
     *
     * @param other the divisor, broadcast with this tensor
     * @return the quotient
     */
    public Tensor div(Tensor other) {
        Objects.requireNonNull(other, "div: input 'other' is null");
        return Arithmetic.div(this, other);
    }

    /**
     * {@code this / c}.
     *
     * @param c the divisor
     * @return the quotient
     */
    public Tensor div(double c) {
        return Arithmetic.div(this, constant(c));
    }

    /**
     * {@code -this}.
     *
     * @return the negation
     */
    public Tensor neg() {
        return Elementwise.neg(this);
    }

    /**
     * {@code this ^ exponent}, elementwise (floating point operands only).
     *
     * @param exponent the exponents, broadcast with this tensor
     * @return the powers
     */
    public Tensor pow(Tensor exponent) {
        Objects.requireNonNull(exponent, "pow: exponent is null");
        return Arithmetic.pow(this, exponent);
    }

    /**
     * {@code this ^ c}.
     *
     * @param c the exponent
     * @return the powers
     */
    public Tensor pow(double c) {
        return Arithmetic.pow(this, constant(c));
    }

    /**
     * {@code this * this}.
     *
     * @return the squares
     */
    public Tensor square() {
        // The square of a bool is an int64, as PyTorch's (x·x of bools would stay bool).
        Tensor x = dtype == DType.BOOL ? to(DType.INT64) : this;
        return x.mul(x);
    }

    /**
     * {@code 1 / this}.
     *
     * @return the reciprocals
     */
    public Tensor reciprocal() {
        return Arithmetic.div(constant(1), this);
    }

    /**
     * A Java double operand as PyTorch treats a Python float: a 0-d tensor of this tensor's dtype
     * if that is floating point, else float32 (which then promotes this tensor, see {@link DType}).
     */
    private Tensor constant(double c) {
        return full(dtype.isFloatingPoint() ? dtype : DType.FLOAT32, c);
    }

    /** A Java integer operand as PyTorch treats a Python int: exact in int64, and int64 for a bool tensor. */
    private Tensor constant(long c) {
        if (dtype.isFloatingPoint()) {
            return full(dtype, c);
        }
        return wrap(new long[] {c}, Shape.SCALAR);
    }

    // =====================================================================================
    // Elementwise functions
    // =====================================================================================

    /**
     * e^x.
     *
     * @return the exponentials
     */
    public Tensor exp() {
        return Elementwise.exp(this);
    }

    /**
     * e^x − 1, accurate near 0.
     *
     * @return e^x − 1 of each element
     */
    public Tensor expm1() {
        return Elementwise.expm1(this);
    }

    /**
     * Natural logarithm (NaN below 0, -inf at 0, as PyTorch).
     *
     * @return the logarithms
     */
    public Tensor log() {
        return Elementwise.log(this);
    }

    /**
     * log(1 + x), accurate near 0.
     *
     * @return log(1 + x) of each element
     */
    public Tensor log1p() {
        return Elementwise.log1p(this);
    }

    /**
     * Square root.
     *
     * @return the square roots
     */
    public Tensor sqrt() {
        return Elementwise.sqrt(this);
    }

    /**
     * |x|; its subgradient at 0 is 0, as in PyTorch.
     *
     * @return the absolute values
     */
    public Tensor abs() {
        return Elementwise.abs(this);
    }

    /**
     * Sine.
     *
     * @return the sines
     */
    public Tensor sin() {
        return Elementwise.sin(this);
    }

    /**
     * Cosine.
     *
     * @return the cosines
     */
    public Tensor cos() {
        return Elementwise.cos(this);
    }

    /**
     * Hyperbolic tangent.
     *
     * @return the hyperbolic tangents
     */
    public Tensor tanh() {
        return Elementwise.tanh(this);
    }

    /**
     * 1 / (1 + e^-x).
     *
     * @return the sigmoid of each element
     */
    public Tensor sigmoid() {
        return Elementwise.sigmoid(this);
    }

    /**
     * max(x, 0); relu'(0) = 0, as in PyTorch.
     *
     * @return the rectified elements
     */
    public Tensor relu() {
        return Elementwise.relu(this);
    }

    /**
     * x for x > 0, slope·x otherwise (PyTorch's default slope is 0.01).
     *
     * @param negativeSlope the slope for x ≤ 0
     * @return the activations
     */
    public Tensor leakyRelu(double negativeSlope) {
        return Activations.leakyRelu(this, negativeSlope);
    }

    /**
     * x·Φ(x), the exact (erf) GELU.
     *
     * @return the activations
     */
    public Tensor gelu() {
        return Activations.gelu(this);
    }

    /**
     * GELU as {@code F.gelu(x, approximate)}: "none" is the exact {@link #gelu()}, "tanh" ½x(1 + tanh(√(2/π)(x +
     * 0.044715x³))).
     *
     * @param approximate "none" or "tanh"
     * @return the activations
     */
    public Tensor gelu(String approximate) {
        return Activations.gelu(this, approximate);
    }

    /**
     * SiLU (swish), x·σ(x).
     *
     * @return the activations
     */
    public Tensor silu() {
        return Elementwise.silu(this);
    }

    /**
     * ELU with α = 1.
     *
     * @return the activations
     */
    public Tensor elu() {
        return Activations.elu(this, 1.0);
    }

    /**
     * ELU: x for x &gt; 0, α(eˣ − 1) otherwise; its gradient at 0 is α, as in PyTorch.
     *
     * @param alpha the scale of the negative part
     * @return the activations
     */
    public Tensor elu(double alpha) {
        return Activations.elu(this, alpha);
    }

    /**
     * log(1 + e^x), as PyTorch (x itself above 20).
     *
     * @return the activations
     */
    public Tensor softplus() {
        return Elementwise.softplus(this);
    }

    /**
     * log(1 + e^{βx})/β, and x itself where βx &gt; threshold, as {@code F.softplus(x, beta, threshold)}.
     *
     * @param beta the sharpness β
     * @param threshold the βx above which x is returned as is
     * @return the activations
     */
    public Tensor softplus(double beta, double threshold) {
        return Activations.softplus(this, beta, threshold);
    }

    /**
     * The error function.
     *
     * @return erf of each element
     */
    public Tensor erf() {
        return Elementwise.erf(this);
    }

    /**
     * Clamps into [min, max]; the gradient passes where min ≤ x ≤ max, as in PyTorch. min &gt; max
     * is refused (PyTorch returns max everywhere); an int64 or bool tensor is clamped into float32.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return the clamped elements
     */
    public Tensor clamp(double min, double max) {
        return Activations.clamp(this, min, max);
    }

    /**
     * -1, 0 or 1; its gradient is zero everywhere, as PyTorch's (not an error).
     *
     * @return the signs
     */
    public Tensor sign() {
        return Comparisons.sign(this);
    }

    // =====================================================================================
    // Comparisons, logical ops and selection (bool results, outside the graph)
    // =====================================================================================
    // A comparison computes in the operands' promoted dtype (DType.resultType), as PyTorch: an
    // int64 tensor against a double compares in float32, against a long exactly.

    /**
     * True where {@code this == other}.
     *
     * @param other the tensor to compare with, broadcast with this one
     * @return a bool tensor
     */
    public Tensor eq(Tensor other) {
        Objects.requireNonNull(other, "eq: other is null");
        return Comparisons.eq(this, other);
    }

    /**
     * True where {@code this == c}, c a float.
     *
     * @param c the value to compare with
     * @return a bool tensor
     */
    public Tensor eq(double c) {
        return Comparisons.eq(this, constant(c));
    }

    /**
     * True where {@code this == c}, c an integer.
     *
     * @param c the value to compare with
     * @return a bool tensor
     */
    public Tensor eq(long c) {
        return Comparisons.eq(this, constant(c));
    }

    /**
     * True where {@code this != other}.
     *
     * @param other the tensor to compare with, broadcast with this one
     * @return a bool tensor
     */
    public Tensor ne(Tensor other) {
        Objects.requireNonNull(other, "ne: other is null");
        return Comparisons.ne(this, other);
    }

    /**
     * True where {@code this < other}.
     *
     * @param other the tensor to compare with, broadcast with this one
     * @return a bool tensor
     */
    public Tensor lt(Tensor other) {
        Objects.requireNonNull(other, "lt: other is null");
        return Comparisons.lt(this, other);
    }

    /**
     * True where {@code this < c}, c a float.
     *
     * @param c the value to compare with
     * @return a bool tensor
     */
    public Tensor lt(double c) {
        return Comparisons.lt(this, constant(c));
    }

    /**
     * True where {@code this < c}, c an integer.
     *
     * @param c the value to compare with
     * @return a bool tensor
     */
    public Tensor lt(long c) {
        return Comparisons.lt(this, constant(c));
    }

    /**
     * True where {@code this <= other}.
     *
     * @param other the tensor to compare with, broadcast with this one
     * @return a bool tensor
     */
    public Tensor le(Tensor other) {
        Objects.requireNonNull(other, "le: other is null");
        return Comparisons.le(this, other);
    }

    /**
     * True where {@code this > other}.
     *
     * @param other the tensor to compare with, broadcast with this one
     * @return a bool tensor
     */
    public Tensor gt(Tensor other) {
        Objects.requireNonNull(other, "gt: other is null");
        return Comparisons.gt(this, other);
    }

    /**
     * True where {@code this > c}, c a float.
     *
     * @param c the value to compare with
     * @return a bool tensor
     */
    public Tensor gt(double c) {
        return Comparisons.gt(this, constant(c));
    }

    /**
     * True where {@code this > c}, c an integer.
     *
     * @param c the value to compare with
     * @return a bool tensor
     */
    public Tensor gt(long c) {
        return Comparisons.gt(this, constant(c));
    }

    /**
     * True where {@code this >= other}.
     *
     * @param other the tensor to compare with, broadcast with this one
     * @return a bool tensor
     */
    public Tensor ge(Tensor other) {
        Objects.requireNonNull(other, "ge: other is null");
        return Comparisons.ge(this, other);
    }

    /**
     * True where this is 0 (false for NaN), of any dtype, as {@code torch.logical_not}.
     *
     * @return a bool tensor
     */
    public Tensor logicalNot() {
        return Comparisons.logicalNot(this);
    }

    /**
     * True where both are non-zero, broadcast, as {@code torch.logical_and}.
     *
     * @param other the second operand, of any dtype
     * @return a bool tensor
     */
    public Tensor logicalAnd(Tensor other) {
        Objects.requireNonNull(other, "logicalAnd: other is null");
        return Comparisons.logicalAnd(this, other);
    }

    /**
     * True where either is non-zero, broadcast, as {@code torch.logical_or}.
     *
     * @param other the second operand, of any dtype
     * @return a bool tensor
     */
    public Tensor logicalOr(Tensor other) {
        Objects.requireNonNull(other, "logicalOr: other is null");
        return Comparisons.logicalOr(this, other);
    }

    /**
     * True where exactly one is non-zero, broadcast, as {@code torch.logical_xor}.
     *
     * @param other the second operand, of any dtype
     * @return a bool tensor
     */
    public Tensor logicalXor(Tensor other) {
        Objects.requireNonNull(other, "logicalXor: other is null");
        return Comparisons.logicalXor(this, other);
    }

    /**
     * PyTorch's {@code masked_fill}: {@code value} where the bool {@code mask} holds, this tensor
     * elsewhere (mask broadcast with this tensor); value is converted to this tensor's dtype.
     *
     * @param mask a bool tensor saying where to fill
     * @param value the fill value
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return Masking.maskedFill(this, mask, full(dtype, value));
    }

    /**
     * {@code maskedFill} with a 0-d tensor value, which receives the gradient of every filled element.
     *
     * @param mask a bool tensor saying where to fill
     * @param value the fill value, a 0-d tensor
     * @return a new tensor of this tensor's shape and dtype
     */
    public Tensor maskedFill(Tensor mask, Tensor value) {
        return Masking.maskedFill(this, mask, value);
    }

    /**
     * {@code condition ? a : b} elementwise, all three broadcast, in the promoted dtype of a and b;
     * the gradient flows to the chosen side. The condition must be a bool tensor (as PyTorch
     * requires): make one with a comparison, or {@code to(DType.BOOL)}.
     *
     * @param condition a bool tensor choosing {@code a} where true
     * @param a the values taken where the condition holds
     * @param b the values taken elsewhere
     * @return the selected values
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Objects.requireNonNull(a, "where: a is null");
        Objects.requireNonNull(b, "where: b is null");
        Objects.requireNonNull(condition, "where: condition is null");
        return Arithmetic.where(condition, a, b);
    }

    // =====================================================================================
    // Reductions
    // =====================================================================================

    /**
     * Sum of all elements (0-d); of an int64 or bool tensor, an exact int64, as in PyTorch.
     *
     * @return the 0-d sum
     */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /**
     * Sum over {@code dims}; null or an empty list sums over every dim, as PyTorch 1.13's {@code sum(dim=[])}.
     *
     * @param dims the dims to sum over (negative ones count from the end), or null for all
     * @param keepDim true to keep the summed dims with size 1
     * @return the sums
     */
    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    /**
     * Sum over one dim.
     *
     * @param dim the dim to sum over (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the sums
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(this, new int[] {dim}, keepDim);
    }

    /**
     * Sums a gradient-like tensor down to {@code target}, a shape that broadcasts to this one (PyTorch's {@code
     * sum_to_size}).
     *
     * @param target the shape to sum down to
     * @return a tensor of shape {@code target}
     */
    public Tensor sumToSize(Shape target) {
        Objects.requireNonNull(target, "sumToSize: target is null");
        return Reductions.sumToSize(this, target);
    }

    /**
     * Mean of all elements.
     *
     * @return the 0-d mean
     */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /**
     * Mean over {@code dims}; null or an empty list averages over every dim, as PyTorch 1.13.
     *
     * @param dims the dims to average over (negative ones count from the end), or null for all
     * @param keepDim true to keep the averaged dims with size 1
     * @return the means
     */
    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }

    /**
     * Mean over one dim.
     *
     * @param dim the dim to average over (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the means
     */
    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(this, new int[] {dim}, keepDim);
    }

    /**
     * Variance of all elements with Bessel's correction, as {@code torch.var}.
     *
     * @return the 0-d variance
     */
    public Tensor var() {
        return Reductions.var(this, null, 1, false);
    }

    /**
     * Variance over {@code dims} (null or empty: every dim, as PyTorch 1.13) with the given correction (1: unbiased,
     * 0: population).
     *
     * @param dims the dims to reduce, or null for all
     * @param correction subtracted from the count in the divisor
     * @param keepDim true to keep the reduced dims with size 1
     * @return the variances
     */
    public Tensor var(int[] dims, int correction, boolean keepDim) {
        return Reductions.var(this, dims, correction, keepDim);
    }

    /**
     * Standard deviation of all elements with Bessel's correction, as {@code torch.std}.
     *
     * @return the 0-d standard deviation
     */
    public Tensor std() {
        return Reductions.std(this, null, 1, false);
    }

    /**
     * Standard deviation over {@code dims} (null or empty: all) with the given correction (1: Bessel's,
     * 0: population); its gradient is 0 where the deviation is 0, as in PyTorch.
     *
     * @param dims the dims to reduce, or null for all
     * @param correction subtracted from the count in the divisor
     * @param keepDim true to keep the reduced dims with size 1
     * @return the standard deviations
     */
    public Tensor std(int[] dims, int correction, boolean keepDim) {
        return Reductions.std(this, dims, correction, keepDim);
    }

    /**
     * Largest element; ties share the gradient evenly, as PyTorch's {@code max()}.
     *
     * @return the 0-d maximum
     */
    public Tensor max() {
        return Reductions.extremum(this, true);
    }

    /**
     * Largest along {@code dim}; the gradient goes to the index {@link #argmax(int, boolean)} returns.
     *
     * @param dim the dim to reduce (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the maxima
     */
    public Tensor max(int dim, boolean keepDim) {
        return Reductions.extremum(this, dim, keepDim, true);
    }

    /**
     * Smallest element; ties share the gradient evenly.
     *
     * @return the 0-d minimum
     */
    public Tensor min() {
        return Reductions.extremum(this, false);
    }

    /**
     * Smallest along {@code dim}; the gradient goes to the index {@link #argmin(int, boolean)} returns.
     *
     * @param dim the dim to reduce (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the minima
     */
    public Tensor min(int dim, boolean keepDim) {
        return Reductions.extremum(this, dim, keepDim, false);
    }

    /**
     * Index of the first largest element along {@code dim}, an int64 tensor (NaN counts as largest).
     *
     * @param dim the dim to search (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the indices, int64
     */
    public Tensor argmax(int dim, boolean keepDim) {
        return Reductions.argExtremum(this, dim, keepDim, true);
    }

    /**
     * Index of the first smallest element along {@code dim}, an int64 tensor.
     *
     * @param dim the dim to search (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the indices, int64
     */
    public Tensor argmin(int dim, boolean keepDim) {
        return Reductions.argExtremum(this, dim, keepDim, false);
    }

    /**
     * log Σ e^x along {@code dim}, stable for large |x|.
     *
     * @param dim the dim to reduce (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return log Σ e^x
     */
    public Tensor logSumExp(int dim, boolean keepDim) {
        return Reductions.logSumExp(this, dim, keepDim);
    }

    /**
     * Softmax along {@code dim}.
     *
     * @param dim the dim whose entries sum to 1 (negative counts from the end)
     * @return the probabilities, of this tensor's shape
     */
    public Tensor softmax(int dim) {
        return Reductions.softmax(this, dim);
    }

    /**
     * log(softmax) along {@code dim}, computed stably.
     *
     * @param dim the dim to normalise over (negative counts from the end)
     * @return the log-probabilities, of this tensor's shape
     */
    public Tensor logSoftmax(int dim) {
        return Reductions.logSoftmax(this, dim);
    }

    /**
     * The 2-norm of all elements; its subgradient at 0 is 0, as in PyTorch.
     *
     * @return the 0-d norm
     */
    public Tensor norm() {
        return Reductions.norm(this);
    }

    /**
     * The p-norm of all elements (p = 0, any p &gt; 0, or {@code Double.POSITIVE_INFINITY}), as {@code torch.norm(x,
     * p)}.
     *
     * @param p the order of the norm
     * @return the 0-d norm
     */
    public Tensor norm(double p) {
        return Reductions.norm(this, p, null, false);
    }

    /**
     * The p-norm along {@code dim}.
     *
     * @param p the order of the norm
     * @param dim the dim to reduce (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return the norms
     */
    public Tensor norm(double p, int dim, boolean keepDim) {
        return Reductions.norm(this, p, new int[] {dim}, keepDim);
    }

    /**
     * The p-norm over {@code dims} (null or empty: all), as {@code torch.norm(x, p, dim, keepdim)}, with
     * PyTorch's subgradients: 0 where the norm is 0, and for p = ∞ the gradient shared evenly by
     * the tied largest |x|.
     *
     * @param p the order of the norm
     * @param dims the dims to reduce, or null for all
     * @param keepDim true to keep the reduced dims with size 1
     * @return the norms
     */
    public Tensor norm(double p, int[] dims, boolean keepDim) {
        return Reductions.norm(this, p, dims, keepDim);
    }

    // =====================================================================================
    // Linear algebra
    // =====================================================================================

    /**
     * Matrix product with PyTorch's rules: 1-d, 2-d and batched operands, batch dims broadcast.
     *
     * @param other the right operand
     * @return the product
     */
    public Tensor matmul(Tensor other) {
        Objects.requireNonNull(other, "matmul: other is null");
        return MatrixProducts.matmul(this, other);
    }

    // =====================================================================================
    // Shape and data movement
    // =====================================================================================

    /**
     * The same elements in another shape; one dim may be -1 (inferred).
     *
     * @param shape the new dimensions, with as many elements as this tensor
     * @return the reshaped tensor, sharing storage with this one
     */
    public Tensor reshape(int... shape) {
        Objects.requireNonNull(shape, "reshape: shape is null");
        return Movement.reshape(this, shape);
    }

    /**
     * Flattened to 1-d.
     *
     * @return a 1-d tensor sharing storage with this one
     */
    public Tensor flatten() {
        return Movement.reshape(this, numel());
    }

    /**
     * Swaps two dims. Unlike PyTorch's view, the result is a copy: in-place updates of it do not reach this tensor.
     *
     * @param dim0 one dim (negative counts from the end)
     * @param dim1 the other dim
     * @return the transposed copy
     */
    public Tensor transpose(int dim0, int dim1) {
        return Movement.transpose(this, dim0, dim1);
    }

    /**
     * Reorders the dims: result dim i is this tensor's dim {@code dims[i]}. A copy, not a view (see {@link
     * #transpose}).
     *
     * @param dims a permutation of this tensor's dims
     * @return the permuted copy
     */
    public Tensor permute(int... dims) {
        Objects.requireNonNull(dims, "permute: dims is null");
        return Movement.permute(this, dims);
    }

    /**
     * Without every dim of size 1.
     *
     * @return the squeezed tensor, sharing storage with this one
     */
    public Tensor squeeze() {
        return Movement.squeeze(this);
    }

    /**
     * Without {@code dim} if its size is 1 (unchanged otherwise, as in PyTorch).
     *
     * @param dim the dim to drop (negative counts from the end)
     * @return the squeezed tensor, sharing storage with this one
     */
    public Tensor squeeze(int dim) {
        return Movement.squeeze(this, dim);
    }

    /**
     * With a new dim of size 1 at {@code dim}.
     *
     * @param dim where the new dim goes (negative counts from the end)
     * @return the unsqueezed tensor, sharing storage with this one
     */
    public Tensor unsqueeze(int dim) {
        return Movement.unsqueeze(this, dim);
    }

    /**
     * Broadcast to {@code shape}; -1 keeps a size. A copy, not a view (see {@link #transpose}).
     *
     * @param shape the target dimensions
     * @return the broadcast copy
     */
    public Tensor expand(int... shape) {
        return Movement.expand(this, shape);
    }

    /**
     * Broadcast to {@code shape}.
     *
     * @param shape the target shape
     * @return the broadcast copy
     */
    public Tensor expand(Shape shape) {
        return Movement.expand(this, shape);
    }

    /**
     * Elements {@code start, start+step, ...} below {@code end} along {@code dim} (PyTorch's
     * {@code x[..., start:end:step]}). A copy, not a view (see {@link #transpose}).
     *
     * @param dim the dim to slice (negative counts from the end)
     * @param start the first index taken
     * @param end the bound, not included
     * @param step the distance between indices taken, positive
     * @return the sliced copy
     */
    public Tensor slice(int dim, int start, int end, int step) {
        return Movement.slice(this, dim, start, end, step);
    }

    /**
     * The entries at {@code index} along {@code dim}.
     *
     * @param dim the dim to select along (negative counts from the end)
     * @param index the positions to take, in order
     * @return the selected entries
     */
    public Tensor indexSelect(int dim, int... index) {
        Objects.requireNonNull(index, "indexSelect: index is null");
        return Movement.indexSelect(this, dim, index);
    }

    /**
     * The entries at {@code index}, a 1-d (or 0-d) int64 tensor, along {@code dim}, as {@code index_select}.
     *
     * @param dim the dim to select along (negative counts from the end)
     * @param index the positions to take
     * @return the selected entries
     */
    public Tensor indexSelect(int dim, Tensor index) {
        return Movement.indexSelect(this, dim, index);
    }

    /**
     * PyTorch's {@code gather}: {@code out[i][j] = this[index[i][j]][j]} for dim 0, and so on;
     * {@code index} is an int64 tensor.
     *
     * @param dim the dim along which {@code index} picks
     * @param index where to take each output element from
     * @return a tensor of {@code index}'s shape
     */
    public Tensor gather(int dim, Tensor index) {
        return Movement.gather(this, dim, index);
    }

    /**
     * The upper triangle of the last two dims, on and above the k-th diagonal (k = 0: the main one); zeros elsewhere.
     *
     * @param k the diagonal: 0 the main one, positive above it, negative below
     * @return the masked copy
     */
    public Tensor triu(int k) {
        return Masking.triu(this, k);
    }

    /**
     * The lower triangle of the last two dims, on and below the k-th diagonal; zeros elsewhere.
     *
     * @param k the diagonal: 0 the main one, positive above it, negative below
     * @return the masked copy
     */
    public Tensor tril(int k) {
        return Masking.tril(this, k);
    }

    /**
     * Pads the last dims with {@code value}: pairs (before, after), last dim first, as {@code F.pad}.
     *
     * @param padding how many elements to add before and after each padded dim
     * @param value the fill value
     * @return the padded tensor
     */
    public Tensor pad(int[] padding, double value) {
        Objects.requireNonNull(padding, "pad: padding is null");
        return Movement.pad(this, padding, value);
    }

    /**
     * Concatenation along {@code dim}.
     *
     * @param dim the dim to join along (negative counts from the end)
     * @param tensors the tensors, equal in every other dim
     * @return the concatenation
     */
    public static Tensor cat(int dim, Tensor... tensors) {
        return Movement.cat(dim, tensors);
    }

    /**
     * Stacks equal-shaped tensors along a new dim.
     *
     * @param dim where the new dim goes (negative counts from the end)
     * @param tensors the tensors, all of the same shape
     * @return a tensor with one more dim
     */
    public static Tensor stack(int dim, Tensor... tensors) {
        return Movement.stack(dim, tensors);
    }

    /**
     * This tensor in another dtype (a no-op if the dtype already matches), converted as
     * {@link org.autodiff.core.backend.Conversions} describes. Differentiable between floating
     * point dtypes; a cast to int64 or bool leaves the graph, as in PyTorch.
     *
     * @param target the element type wanted
     * @return this tensor if it already has that dtype, else a converted copy
     */
    public Tensor to(DType target) {
        Objects.requireNonNull(target, "to: target is null");
        return target == dtype ? this : Movement.cast(this, target);
    }

    // =====================================================================================
    // Convolution and pooling (NCHW)
    // =====================================================================================

    /**
     * 2-d convolution, as {@code F.conv2d}; bias may be null.
     *
     * @param weight the filters, [out channels, in channels / groups, kH, kW]
     * @param bias one value per out channel, or null
     * @param stride the step between windows
     * @param padding the zeros added on each side of H and W
     * @param dilation the spacing between kernel taps
     * @param groups how many groups the channels are split into
     * @return the feature maps, [N, out channels, H', W']
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 2-d max pooling, as {@code F.max_pool2d} (stride defaults to the kernel size in PyTorch).
     *
     * @param kernelSize the window's height and width
     * @param stride the step between windows
     * @param padding the −∞ added on each side of H and W
     * @return the pooled maps
     */
    public Tensor maxPool2d(int kernelSize, int stride, int padding) {
        return Convolution.maxPool2d(this, kernelSize, stride, padding);
    }

    /**
     * 2-d average pooling, counting padding, as {@code F.avg_pool2d}.
     *
     * @param kernelSize the window's height and width
     * @param stride the step between windows
     * @param padding the zeros added on each side of H and W
     * @return the pooled maps
     */
    public Tensor avgPool2d(int kernelSize, int stride, int padding) {
        return Convolution.avgPool2d(this, kernelSize, stride, padding);
    }

    // =====================================================================================
    // Printing
    // =====================================================================================

    /**
     * PyTorch-like: {@code tensor([[1.0000, 2.0000]], dtype=float64, requiresGrad=true)}; int64
     * and bool elements as PyTorch prints them, right-aligned to a common width
     * ({@code tensor([ 1, -2, 30], dtype=int64)}, {@code tensor([ True, False], dtype=bool)});
     * large tensors abbreviated.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        if (numel() > 1000) {
            sb.append("shape=").append(shape).append(", first=").append(format(0));
        } else {
            int width = 0;
            if (!dtype.isFloatingPoint()) {
                for (int i = 0; i < numel(); i++) {
                    width = Math.max(width, format(i).length());
                }
            }
            appendValues(sb, 0, 0, shape.strides(), width);
        }
        sb.append(", dtype=").append(dtype);
        if (gradFn != null) {
            sb.append(", gradFn=").append(gradFn.opName());
        } else if (requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private void appendValues(StringBuilder sb, int d, int offset, int[] strides, int width) {
        if (d == dim()) {
            String v = format(offset);
            sb.append(" ".repeat(Math.max(0, width - v.length()))).append(v);
            return;
        }
        sb.append('[');
        for (int i = 0; i < shape.size(d); i++) {
            if (i > 0) {
                sb.append(d == dim() - 1 ? ", " : ",\n" + " ".repeat(8 + d));
            }
            appendValues(sb, d + 1, offset + i * strides[d], strides, width);
        }
        sb.append(']');
    }

    /** The element at a flat index as printed: 4 decimals for floating point, as PyTorch's defaults. */
    private String format(int flat) {
        return switch (dtype) {
            case INT64 -> Long.toString(((long[]) storage)[position(flat)]);
            case BOOL -> ((boolean[]) storage)[position(flat)] ? "True" : "False";
            default -> {
                double v = at(flat);
                yield Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : Double.toString(v);
            }
        };
    }
}
