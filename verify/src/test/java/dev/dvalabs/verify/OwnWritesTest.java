package dev.dvalabs.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A verifier's own writes")
class OwnWritesTest {

    private final List<String> undone = new CopyOnWriteArrayList<>();
    private final OwnWrites<String> writes = new OwnWrites<>(undone::addAll);

    @Test
    @DisplayName("are undone, a refused one too, and each only once")
    void undoneOnce() {
        writes.write("a", () -> {});
        assertThatThrownBy(() -> writes.write("refused", () -> {
            throw new IllegalArgumentException("AWS said no");
        })).hasMessage("AWS said no");
        assertThat(writes.write(List.of("b", "c"), () -> 3)).isEqualTo(3);

        writes.undoAll();
        writes.undoAll();
        assertThat(undone).containsExactly("a", "refused", "b", "c");
    }

    @Test
    @DisplayName("stop at close: a write under way finishes and is undone, none follows")
    void closeWaitsForAWriteUnderWay() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> writes.write("slow", () -> {
            writing.countDown();
            await(release);
        }));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(writes::close);
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        slow.get(10, TimeUnit.SECONDS);

        assertThat(undone).containsExactly("slow");
        assertThatThrownBy(() -> writes.write("late", () -> {})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writes no more");
        writes.close();
        assertThat(undone).containsExactly("slow");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
