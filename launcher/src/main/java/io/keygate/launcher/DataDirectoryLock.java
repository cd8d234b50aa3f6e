package io.keygate.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory: a second one would stop the first one's "leftover" processes
 * and wipe its Payara runtime. The OS releases the lock when the launcher dies, even by kill -9.
 */
final class DataDirectoryLock {

    /** Held in a static field until the JVM exits: once unreachable, the channel's cleaner would close it and drop the lock. */
    private static FileLock held;

    private DataDirectoryLock() {
    }

    /** False when another launcher holds the lock. */
    static synchronized boolean acquire(Path dataDir) throws IOException {
        if (held != null) {
            throw new IllegalStateException("already locked " + held);
        }
        FileChannel channel = FileChannel.open(dataDir.resolve("launcher.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return false;
        }
        held = lock;
        return true;
    }
}
