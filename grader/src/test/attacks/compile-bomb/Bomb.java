package concurrency.counter;

import java.util.List;
import java.util.Set;

/** Nested calls of generic overloaded methods: javac weighs each overload again at every level. */
final class Bomb {
    static boolean c;

    static <T> T f(T a) {
        return a;
    }

    static <T> T f(List<T> a) {
        return null;
    }

    static <T> T f(Set<T> a) {
        return null;
    }

    static Object x = f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? f(c ? 1 : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null) : null);
}
