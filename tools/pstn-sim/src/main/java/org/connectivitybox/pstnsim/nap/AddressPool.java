package org.connectivitybox.pstnsim.nap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.BitSet;
import java.util.Optional;

/**
 * A NAP's pool of dynamic addresses, a range inside 127.0.0.0/8. Leases go round the range, so a
 * box that calls again gets another address, as with a real NAP. Thread-safe.
 */
public final class AddressPool {
  private final int first;
  private final int size;
  private final BitSet leased = new BitSet();
  private int next;

  /**
   * @throws IllegalArgumentException if an end is not an IPv4 literal in 127.0.0.0/8, the range
   *     is empty or reversed, or it holds more than 65,536 addresses
   */
  public AddressPool(String first, String last) {
    int a = toInt(first);
    int b = toInt(last);
    if (b < a) {
      throw new IllegalArgumentException("pool " + first + ".." + last + " is reversed");
    }
    if ((long) b - a + 1 > 65_536) {
      throw new IllegalArgumentException("pool " + first + ".." + last + " is larger than 65536");
    }
    this.first = a;
    this.size = b - a + 1;
  }

  /** True if the two pools share an address. */
  public boolean overlaps(AddressPool other) {
    return first <= other.first + other.size - 1 && other.first <= first + size - 1;
  }

  /** A free address, or empty if all are leased. */
  public synchronized Optional<String> lease() {
    for (int i = 0; i < size; i++) {
      int k = (next + i) % size;
      if (!leased.get(k)) {
        leased.set(k);
        next = (k + 1) % size;
        return Optional.of(toText(first + k));
      }
    }
    return Optional.empty();
  }

  /** Returns an address to the pool; one not leased from it is ignored. */
  public synchronized void release(String address) {
    int k = toInt(address) - first;
    if (k >= 0 && k < size) {
      leased.clear(k);
    }
  }

  /** How many addresses are leased now. */
  public synchronized int leasedCount() {
    return leased.cardinality();
  }

  /** @throws IllegalArgumentException if {@code text} is not an IPv4 literal in 127.0.0.0/8 */
  static int toInt(String text) {
    if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
    }
    byte[] b;
    try {
      b = InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
    }
    if (b[0] != 127) {
      throw new IllegalArgumentException("'" + text + "' is not in 127.0.0.0/8");
    }
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  private static String toText(int a) {
    return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }
}
