package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The memory figures of a Linux process from {@code /proc/PID/status}: peak resident set
 * ({@code VmHWM}) and current resident set ({@code VmRSS}), in KiB (the kernel's "kB").
 */
record ProcStatus(long vmHwmKib, long vmRssKib) {

  /** @throws IOException if the process is gone or the file lacks either field */
  static ProcStatus read(long pid) throws IOException {
    Path file = Path.of("/proc", Long.toString(pid), "status");
    return parse(Files.readString(file), file.toString());
  }

  /** @throws IOException if the text lacks {@code VmHWM} or {@code VmRSS} */
  static ProcStatus parse(String status, String source) throws IOException {
    OptionalLong hwm = field(status, "VmHWM");
    OptionalLong rss = field(status, "VmRSS");
    if (hwm.isEmpty() || rss.isEmpty()) {
      throw new IOException(source + ": no VmHWM or VmRSS line");
    }
    return new ProcStatus(hwm.getAsLong(), rss.getAsLong());
  }

  /**
   * CPU time (user + system, all threads) a process has used so far, in milliseconds, from
   * {@code /proc/PID/stat}; the kernel counts it in ticks of 1/100 s (USER_HZ on Linux).
   *
   * @throws IOException if the process is gone
   */
  static long cpuMillis(long pid) throws IOException {
    return cpuMillis(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  /** CPU milliseconds from the text of {@code /proc/PID/stat}: fields 14 and 15, utime + stime. */
  static long cpuMillis(String stat) throws IOException {
    // The command name (field 2) is in brackets and may hold spaces: count after the last ')'.
    int close = stat.lastIndexOf(')');
    String[] f = close < 0 ? new String[0] : stat.substring(close + 1).trim().split(" ");
    if (f.length < 13) {
      throw new IOException("unreadable /proc stat: " + stat);
    }
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  /** The value of a line such as {@code "VmHWM:\t  123456 kB"}, in kB. */
  static OptionalLong field(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name + ":")) {
        String value = line.substring(name.length() + 1).trim();
        if (!value.endsWith(" kB")) {
          return OptionalLong.empty();
        }
        try {
          return OptionalLong.of(Long.parseLong(value.substring(0, value.length() - 3).trim()));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
