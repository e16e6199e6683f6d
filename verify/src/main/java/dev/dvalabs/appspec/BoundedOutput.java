package dev.dvalabs.appspec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's output on its own thread, keeping at most a fixed number of bytes: a hook
 * that prints forever must neither fill memory nor block on a full pipe.
 */
final class BoundedOutput implements Runnable {

    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    BoundedOutput(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    int room = Math.max(0, limit - kept.size());
                    kept.write(buffer, 0, Math.min(room, n));
                    dropped += n - Math.min(room, n);
                }
            }
        } catch (IOException e) {
            // The pipe closes under us when a timed-out process tree is killed; what was read is kept.
        }
    }

    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "\n[... " + dropped + " more bytes of output dropped]\n";
    }
}
