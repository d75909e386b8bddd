package org.connectivitybox.pstnsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's FreeRADIUS 3.2 run in the foreground from a copy of /etc/freeradius/3.0 in a temp
 * folder: listening on 127.0.0.1 on free ports, one client (127.0.0.1 with a secret), one user in
 * the files module, and the detail module writing accounting into the temp folder. It runs as
 * root (the copy's radiusd.conf has its user/group settings commented out, so it does not switch
 * to freerad, which could not read the temp folder). {@link #close} stops it (SIGTERM, then kill
 * after 10 s).
 */
final class FreeRadiusServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/freeradius");
  static final Path CONFIG = Path.of("/etc/freeradius/3.0");

  final int authPort = FreePorts.udp();
  final int acctPort = FreePorts.udp();
  final String secret = "s3cret-" + Long.toHexString(System.nanoTime());
  private final Path dir;
  private final Path output;
  private final Process process;

  /** True if this machine can run the test: the binary and its config exist and we are root. */
  static boolean available() {
    return Files.isExecutable(BINARY) && Files.isDirectory(CONFIG)
        && "root".equals(System.getProperty("user.name"));
  }

  FreeRadiusServer(Path dir, String user, String password) throws IOException,
      InterruptedException {
    this.dir = dir;
    Path raddb = dir.resolve("raddb");
    run("cp", "-a", CONFIG.toString(), raddb.toString());
    Files.createDirectories(dir.resolve("log"));
    Files.createDirectories(dir.resolve("run"));
    Path conf = raddb.resolve("radiusd.conf");
    String text = Files.readString(conf)
        .replaceAll("(?m)^raddbdir = .*$", "raddbdir = " + raddb)
        .replaceAll("(?m)^logdir = .*$", "logdir = " + dir.resolve("log"))
        .replaceAll("(?m)^run_dir = .*$", "run_dir = " + dir.resolve("run"))
        .replaceAll("(?m)^(\\s*)(user|group) = ", "$1#$2 = ");
    Files.writeString(conf, text);
    try (Stream<Path> sites = Files.list(raddb.resolve("sites-enabled"))) {
      for (Path p : sites.toList()) {
        Files.delete(p);
      }
    }
    Files.deleteIfExists(raddb.resolve("mods-enabled/eap")); // needs certificates we do not make
    Files.writeString(raddb.resolve("sites-enabled/default"), """
        server default {
          listen {
            type = auth
            ipaddr = 127.0.0.1
            port = %d
          }
          listen {
            type = acct
            ipaddr = 127.0.0.1
            port = %d
          }
          authorize {
            preprocess
            files
            pap
          }
          authenticate {
            Auth-Type PAP {
              pap
            }
          }
          preacct {
            preprocess
            acct_unique
          }
          accounting {
            detail
          }
          post-auth {
            Post-Auth-Type REJECT {
              attr_filter.access_reject
            }
          }
        }
        """.formatted(authPort, acctPort));
    Files.writeString(raddb.resolve("clients.conf"), """
        client loopback {
          ipaddr = 127.0.0.1
          secret = %s
        }
        """.formatted(secret));
    Files.writeString(raddb.resolve("mods-config/files/authorize"),
        user + " Cleartext-Password := \"" + password + "\"\n");
    output = dir.resolve("freeradius.out");
    process = new ProcessBuilder(BINARY.toString(), "-f", "-d", raddb.toString(), "-l", "stdout")
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    awaitReady(Duration.ofSeconds(20));
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.readString(output, StandardCharsets.UTF_8);
      if (out.contains("Ready to process requests")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IOException("freeradius exited (" + process.exitValue() + "): " + out);
      }
      Thread.sleep(50);
    }
    close();
    throw new IOException("freeradius not ready within " + timeout + ": "
        + Files.readString(output));
  }

  /** Everything the detail module wrote so far (all detail files), "" if nothing yet. */
  String detail() throws IOException {
    Path radacct = dir.resolve("log/radacct");
    if (!Files.isDirectory(radacct)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(radacct)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        sb.append(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  /** Waits until the detail files contain {@code text}; returns them. */
  String awaitDetail(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String d = detail();
    while (!d.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      d = detail();
    }
    if (!d.contains(text)) {
      throw new AssertionError("detail file has no '" + text + "': " + d);
    }
    return d;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + ": timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": "
          + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
