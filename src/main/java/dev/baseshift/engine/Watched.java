package dev.baseshift.engine;

import com.github.dockerjava.api.async.ResultCallback;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A docker-java callback that can be polled. docker-java's own {@code awaitCompletion(timeout)} closes the stream
 * when it returns, so it cannot be used to wait in short slices while watching a cancel flag.
 */
class Watched<T> extends ResultCallback.Adapter<T> {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        done.countDown();
        super.onError(throwable);
    }

    @Override
    public void onComplete() {
        done.countDown();
        super.onComplete();
    }

    /** True when the stream ended (normally or with an error) within the wait. */
    boolean ended(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The error that ended the stream, or null. */
    Throwable failure() {
        return failure;
    }
}
