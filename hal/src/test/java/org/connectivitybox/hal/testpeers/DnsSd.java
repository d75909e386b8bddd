package org.connectivitybox.hal.testpeers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The D-Bus system bus and the Avahi daemon that Debian's ippeveprinter needs even with DNS-SD
 * advertising off ("Unable to initialize DNS-SD" otherwise). If they are not running, this starts
 * them: Avahi restricted to the loopback interface with publishing disabled, so nothing is
 * announced on any network. {@link #close()} stops, by PID, only what it started.
 */
public final class DnsSd implements AutoCloseable {

  private static final Path BUS_SOCKET = Path.of("/run/dbus/system_bus_socket");

  private final List<Long> started = new ArrayList<>();

  private DnsSd() {}

  /** Makes sure D-Bus and Avahi run, starting them in {@code workDir} if needed. */
  public static DnsSd ensure(Path workDir) throws IOException, InterruptedException {
    DnsSd dnsSd = new DnsSd();
    if (run("avahi-daemon", "-c") == 0) {
      return dnsSd;
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/avahi-daemon"))) {
      throw new IllegalStateException(
          "ippeveprinter needs avahi-daemon and dbus: apt-get install avahi-daemon dbus");
    }
    if (!busAnswers()) {
      // A socket left by a bus that died would make Avahi fail; the new bus replaces it.
      Files.deleteIfExists(BUS_SOCKET);
      Files.createDirectories(BUS_SOCKET.getParent());
      Process dbus = new ProcessBuilder("dbus-daemon", "--system", "--nofork", "--nopidfile")
          .redirectErrorStream(true)
          .redirectOutput(workDir.resolve("dbus.log").toFile())
          .start();
      dnsSd.started.add(dbus.pid());
      for (int i = 0; i < 100 && !busAnswers(); i++) {
        Thread.sleep(50);
      }
    }
    Path conf = workDir.resolve("avahi-daemon.conf");
    Files.writeString(conf, String.join("\n",
        "[server]", "use-ipv4=yes", "use-ipv6=no", "allow-interfaces=lo", "enable-dbus=yes",
        "[wide-area]", "enable-wide-area=no",
        "[publish]", "disable-publishing=yes", "publish-hinfo=no", "publish-workstation=no", ""));
    Process avahi = new ProcessBuilder("avahi-daemon", "-f", conf.toString(), "--no-drop-root",
            "--no-chroot", "--no-rlimits")
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("avahi.log").toFile())
        .start();
    dnsSd.started.add(avahi.pid());
    for (int i = 0; i < 100 && run("avahi-daemon", "-c") != 0; i++) {
      Thread.sleep(50);
    }
    if (run("avahi-daemon", "-c") != 0) {
      throw new IllegalStateException("avahi-daemon did not start: "
          + Files.readString(workDir.resolve("avahi.log")));
    }
    return dnsSd;
  }

  private static boolean busAnswers() {
    try (java.nio.channels.SocketChannel c =
        java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(BUS_SOCKET))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /** Stops, newest first, the daemons this instance started. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      ProcessHandle.of(started.get(i)).ifPresent(h -> {
        h.destroy();
        try {
          h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          h.destroyForcibly();
        }
      });
    }
  }
}
