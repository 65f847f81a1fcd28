package org.autodiff.spark.ml;

/**
 * Hands a stage's uid to its {@code uid()} while Spark's constructors run. Spark's params are
 * created in the constructors of its Scala base classes and read {@code uid()} there, before a
 * Java subclass can assign a field (Scala assigns constructor parameters first; Java cannot), so
 * a stage's constructor passes its uid through here: {@code this(PendingUid.hold(uid))}.
 */
final class PendingUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private final String uid;

    private PendingUid(String uid) {
        this.uid = uid;
    }

    /** Holds {@code uid} for the constructor about to run on this thread. */
    static PendingUid hold(String uid) {
        PENDING.set(uid);
        return new PendingUid(uid);
    }

    /** The uid being constructed on this thread. */
    static String pending() {
        return PENDING.get();
    }

    /** Ends the construction: the uid, no longer pending. */
    String release() {
        PENDING.remove();
        return uid;
    }
}
