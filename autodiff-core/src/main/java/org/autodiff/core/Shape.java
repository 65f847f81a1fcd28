package org.autodiff.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The dimensions of a tensor, row-major, with the index arithmetic and broadcasting rules that
 * every op shares. Immutable. A 0-d shape (no dimensions) holds one element: a scalar.
 *
 * <p>Broadcasting follows NumPy and PyTorch: shapes are aligned at their last dimension, and two
 * sizes are compatible when they are equal or one of them is 1.
 */
public final class Shape {
    /**
     * The most elements a tensor holds: the longest array every common JVM allocates
     * ({@code Integer.MAX_VALUE - 8}; HotSpot refuses the last few lengths with "Requested array
     * size exceeds VM limit").
     */
    public static final int MAX_NUMEL = Integer.MAX_VALUE - 8;

    private static final int[] NONE = new int[0];
    /** The 0-d shape of a scalar. */
    public static final Shape SCALAR = new Shape(NONE);

    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > MAX_NUMEL) {
                throw new TensorTooLargeException("shape " + Arrays.toString(dims) + " has more than " + MAX_NUMEL
                        + " elements, the most a Java array holds");
            }
        }
        this.numel = (int) n;
    }

    // =====================================================================================
    // Checked size arithmetic: every op that computes a size from its arguments does it here,
    // in long and saturating, so a size never wraps around silently.
    // =====================================================================================

    /**
     * A shape whose sizes an op computed in {@code long} arithmetic (from paddings, kernel sizes,
     * concatenated lengths, ...), checked before anything is allocated.
     *
     * @param op the op, for the message
     * @param dims the sizes, each non-negative
     * @return the shape
     * @throws TensorTooLargeException if a size or the number of elements exceeds {@link #MAX_NUMEL}
     * @throws IllegalArgumentException if a size is negative
     */
    public static Shape of(String op, long... dims) {
        Objects.requireNonNull(dims, "Shape.of: dims is null");
        int[] out = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(op + ": negative size " + dims[i] + " in shape " + Arrays.toString(dims));
            }
            // A size beyond an array's length cannot be stored even when another size is 0.
            numel = dims[i] > MAX_NUMEL ? Long.MAX_VALUE : multiply(numel, dims[i]);
            out[i] = (int) Math.min(dims[i], Integer.MAX_VALUE);
        }
        if (numel > MAX_NUMEL) {
            throw new TensorTooLargeException(op + ": the result of shape " + Arrays.toString(dims) + " would have "
                    + (numel == Long.MAX_VALUE ? "more than 2^63" : Long.toString(numel)) + " elements; a tensor holds at most "
                    + MAX_NUMEL + " (the longest Java array)");
        }
        return new Shape(out.length == 0 ? NONE : out);
    }

    /**
     * {@code size} as an int, if a tensor can have that many elements along a dim.
     *
     * @param op the op, for the message
     * @param what what the size is, for the message (e.g. "the number of values")
     * @param size the size, computed in long or double arithmetic
     * @return {@code size} as an int
     * @throws TensorTooLargeException if it exceeds {@link #MAX_NUMEL}
     */
    public static int checkedSize(String op, String what, double size) {
        if (!(size <= MAX_NUMEL)) {
            throw new TensorTooLargeException(op + ": " + what + " is " + (Double.isNaN(size) ? "undefined" : String.format("%.6g", size))
                    + "; a tensor holds at most " + MAX_NUMEL + " elements (the longest Java array)");
        }
        return (int) Math.max(0, size);
    }

    /**
     * {@code a * b} for non-negative sizes, saturating at {@link Long#MAX_VALUE} instead of
     * wrapping, so that comparing the product against a limit is always right.
     *
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @return the product, or {@code Long.MAX_VALUE} if it does not fit a long
     */
    public static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /**
     * {@code a + b} for non-negative sizes, saturating at {@link Long#MAX_VALUE}.
     *
     * @param a a non-negative term
     * @param b a non-negative term
     * @return the sum, or {@code Long.MAX_VALUE} if it does not fit a long
     */
    public static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** The heap's limit (-Xmx), fixed for the JVM's life: read once, not on every tensor allocated. */
    private static final long MAX_HEAP_BYTES = Runtime.getRuntime().maxMemory();

    /**
     * Refuses a result that could never be allocated: one whose elements, at
     * {@code bytesPerElement} each (including any index map the op builds), take more bytes than
     * the heap's maximum ({@code -Xmx}). What is merely short of free memory now is left to the
     * JVM; this catches the requests no garbage collection could satisfy, with a message in the
     * op's terms instead of an {@link OutOfMemoryError}.
     *
     * @param op the op, for the message
     * @param shape the result's shape
     * @param bytesPerElement the bytes each element of the result costs
     * @throws TensorTooLargeException if the result cannot fit the heap
     */
    public static void requireHeapFor(String op, Shape shape, int bytesPerElement) {
        Objects.requireNonNull(shape, "Shape.requireHeapFor: shape is null");
        long bytes = multiply(shape.numel(), bytesPerElement);
        long max = MAX_HEAP_BYTES;
        if (bytes > max) {
            throw new TensorTooLargeException(op + ": the result of shape " + shape + " (" + shape.numel() + " elements) needs "
                    + bytes + " bytes, more than the Java heap's maximum of " + max + " bytes (-Xmx)");
        }
    }

    /**
     * A shape with the given sizes; each must be non-negative.
     *
     * @param dims the size of each dimension
     * @return the shape
     */
    public static Shape of(int... dims) {
        Objects.requireNonNull(dims, "Shape.of: dims is null");
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.length == 0 ? NONE : dims.clone());
    }

    /**
     * Number of dimensions.
     *
     * @return the rank, 0 for a scalar
     */
    public int rank() {
        return dims.length;
    }

    /**
     * Size of dimension {@code d}; negative {@code d} counts from the end. A 0-d shape has no dimensions to ask
     * about.
     *
     * @param d the dimension index
     * @return the size of that dimension
     */
    public int size(int d) {
        if (dims.length == 0) {
            // normalizeDim lets dim 0 through for a 0-d shape (ops like sum(0) accept it), but there is no size to read.
            throw new IllegalArgumentException("size: dim " + d + " was asked of a 0-d tensor, which has no dimensions");
        }
        return dims[normalizeDim(d, "size")];
    }

    /**
     * A copy of the sizes.
     *
     * @return a new array of the sizes
     */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * Number of elements (1 for a scalar).
     *
     * @return the product of the sizes
     */
    public int numel() {
        return numel;
    }

    /**
     * Row-major strides in elements.
     *
     * @return a new array: the elements to skip to step once along each dimension
     */
    public int[] strides() {
        int[] s = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= dims[i];
        }
        return s;
    }

    /**
     * Maps a possibly negative dim into {@code [0, rank)}, or throws naming the op.
     * As in PyTorch, a 0-d tensor accepts dims 0 and -1.
     *
     * @param dim the dim, negative counting from the end
     * @param op the op name for the error message
     * @return the dim counted from the start (0 for a 0-d shape)
     */
    public int normalizeDim(int dim, String op) {
        int r = Math.max(dims.length, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of shape "
                    + this + " (expected a dim in [" + (-r) + ", " + (r - 1) + "])");
        }
        return dim < 0 ? dim + r : dim;
    }

    /**
     * The shape of an elementwise op over {@code a} and {@code b}, or an exception naming the op and both shapes.
     *
     * @param a the first operand's shape
     * @param b the second operand's shape
     * @param op the op name for the error message
     * @return the broadcast shape
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        Objects.requireNonNull(a, "Shape.broadcast: a is null");
        Objects.requireNonNull(b, "Shape.broadcast: b is null");
        return a.equals(b) ? a : broadcastAll(op, a, b);
    }

    /**
     * The shape of an elementwise op over three operands (as where's), or an exception naming the op and all three.
     *
     * @param a the first operand's shape
     * @param b the second operand's shape
     * @param c the third operand's shape
     * @param op the op name for the error message
     * @return the broadcast shape
     */
    public static Shape broadcast(Shape a, Shape b, Shape c, String op) {
        Objects.requireNonNull(a, "Shape.broadcast: a is null");
        Objects.requireNonNull(b, "Shape.broadcast: b is null");
        Objects.requireNonNull(c, "Shape.broadcast: c is null");
        return broadcastAll(op, a, b, c);
    }

    private static Shape broadcastAll(String op, Shape... shapes) {
        int r = 0;
        for (Shape s : shapes) {
            r = Math.max(r, s.rank());
        }
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            out[i] = 1;
            for (Shape s : shapes) {
                int d = s.alignedSize(i, r);
                if (d != 1 && out[i] != 1 && d != out[i]) {
                    throw new IllegalArgumentException(op + ": shapes " + listed(shapes)
                            + " cannot be broadcast together (dimension " + i + ": " + sizesAt(shapes, i, r) + ")");
                }
                out[i] = d == 1 ? out[i] : d;
            }
        }
        return of(op, out);
    }

    /** This shape's size at dimension i of a rank-r broadcast, aligned at the right (1 where it has no such dim). */
    private int alignedSize(int i, int r) {
        return i < r - rank() ? 1 : dims[i - (r - rank())];
    }

    /** "[2, 3] and [4]", or "[3], [2, 1] and [2]". */
    private static String listed(Shape[] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < shapes.length; k++) {
            sb.append(k == 0 ? "" : k == shapes.length - 1 ? " and " : ", ").append(shapes[k]);
        }
        return sb.toString();
    }

    /** Each shape's size at output dimension i (1 where it has no such dim), as "3 vs 2". */
    private static String sizesAt(Shape[] shapes, int i, int r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < shapes.length; k++) {
            sb.append(k == 0 ? "" : " vs ").append(shapes[k].alignedSize(i, r));
        }
        return sb.toString();
    }

    /**
     * Whether this shape broadcasts to {@code target} (each aligned size equal or 1).
     *
     * @param target the shape to broadcast to
     * @return true if it broadcasts
     */
    public boolean broadcastsTo(Shape target) {
        Objects.requireNonNull(target, "Shape.broadcastsTo: target is null");
        if (rank() > target.rank()) {
            return false;
        }
        int off = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The strides with which to read a tensor of this shape as if it had the broadcast shape
     * {@code target}: 0 along every broadcast dimension.
     *
     * @param target the broadcast shape, to which this one broadcasts
     * @return one stride per dimension of {@code target}
     */
    public int[] broadcastStrides(Shape target) {
        Objects.requireNonNull(target, "Shape.broadcastStrides: target is null");
        int[] own = strides();
        int[] s = new int[target.rank()];
        int off = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            s[i + off] = dims[i] == 1 ? 0 : own[i];
        }
        return s;
    }

    /**
     * This shape with dimension {@code d} replaced by {@code size}.
     *
     * @param d the dimension index, in {@code [0, rank)}
     * @param size the new size
     * @return the new shape
     */
    public Shape with(int d, int size) {
        int[] c = dims.clone();
        c[d] = size;
        return new Shape(c);
    }

    /**
     * This shape with a dimension of size {@code size} inserted at {@code d}.
     *
     * @param d where the new dimension goes, in {@code [0, rank]}
     * @param size the new dimension's size
     * @return the new shape
     */
    public Shape insert(int d, int size) {
        int[] c = new int[dims.length + 1];
        System.arraycopy(dims, 0, c, 0, d);
        c[d] = size;
        System.arraycopy(dims, d, c, d + 1, dims.length - d);
        return new Shape(c);
    }

    /**
     * This shape without dimension {@code d}.
     *
     * @param d the dimension index, in {@code [0, rank)}
     * @return the new shape
     */
    public Shape remove(int d) {
        int[] c = new int[dims.length - 1];
        System.arraycopy(dims, 0, c, 0, d);
        System.arraycopy(dims, d + 1, c, d, dims.length - d - 1);
        return new Shape(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** PyTorch style: {@code [3, 4]}, {@code []} for a scalar. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
