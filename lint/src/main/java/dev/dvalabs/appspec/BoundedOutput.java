package dev.dvalabs.appspec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's output on its own thread, keeping only its last bytes: a hook that prints
 * forever must neither fill memory nor block on a full pipe, and a failing hook's error is at the
 * end. CodeDeploy likewise shows the tail of a failed script's log: its Diagnostics.logTail holds "up
 * to the last 4 KB of the diagnostic log"
 * (https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_Diagnostics.html).
 */
final class BoundedOutput implements Runnable {

    private final InputStream in;
    /** A ring: the last {@code ring.length} bytes read, the oldest at {@code total % ring.length} once full. */
    private final byte[] ring;
    private long total;

    BoundedOutput(InputStream in, int limit) {
        this.in = in;
        this.ring = new byte[limit];
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                keep(buffer, n);
            }
        } catch (IOException e) {
            // The pipe closes under us when a timed-out process tree is killed; what was read is kept.
        }
    }

    private synchronized void keep(byte[] buffer, int n) {
        // Of a read longer than the ring, only its end can be kept.
        int from = Math.max(0, n - ring.length);
        for (int i = from; i < n; ) {
            int at = (int) ((total + i) % ring.length);
            int count = Math.min(n - i, ring.length - at);
            System.arraycopy(buffer, i, ring, at, count);
            i += count;
        }
        total += n;
    }

    synchronized String text() {
        if (total <= ring.length) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        byte[] last = new byte[ring.length];
        int oldest = (int) (total % ring.length);
        System.arraycopy(ring, oldest, last, 0, ring.length - oldest);
        System.arraycopy(ring, 0, last, ring.length - oldest, oldest);
        // The cut may fall inside a UTF-8 character: its continuation bytes (10xxxxxx) go with the dropped part.
        int start = 0;
        while (start < Math.min(3, last.length) && (last[start] & 0xC0) == 0x80) {
            start++;
        }
        long dropped = total - ring.length + start;
        // new String replaces whatever else is not UTF-8 with U+FFFD rather than failing.
        return "[... " + dropped + " earlier bytes of output dropped]\n" + new String(last, start, last.length - start, StandardCharsets.UTF_8);
    }
}
