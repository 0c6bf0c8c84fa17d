package dev.lossservice.loss;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * A read-only list whose elements are made on access from an index: lets a response hold a million
 * per-sample records without building them, as Jackson writes each and drops it.
 */
public final class IndexedList<T> extends AbstractList<T> implements RandomAccess {

    private final int size;
    private final IntFunction<T> element;

    public IndexedList(int size, IntFunction<T> element) {
        this.size = size;
        this.element = element;
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return element.apply(index);
    }

    @Override
    public int size() {
        return size;
    }
}
