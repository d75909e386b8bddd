package org.connectivitybox.hal.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Two linked pseudo-terminals made by socat in a folder; {@link #close()} stops socat. */
final class SocatPtyPair implements AutoCloseable {
  final Path a;
  final Path b;
  private final Process socat;

  private SocatPtyPair(Path a, Path b, Process socat) {
    this.a = a;
    this.b = b;
    this.socat = socat;
  }

  /** Starts socat and waits (at most 10 s) until both links exist. */
  static SocatPtyPair start(Path dir) throws IOException, InterruptedException {
    Path a = dir.resolve("A");
    Path b = dir.resolve("B");
    Process p = new ProcessBuilder("/usr/bin/socat", "-d", "-d",
        "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("socat.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new IOException("socat made no pty pair in 10 s: "
            + Files.readString(dir.resolve("socat.log")));
      }
      Thread.sleep(20);
    }
    return new SocatPtyPair(a, b, p);
  }

  @Override
  public void close() throws InterruptedException {
    socat.destroy();
    if (!socat.waitFor(5, TimeUnit.SECONDS)) {
      socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
