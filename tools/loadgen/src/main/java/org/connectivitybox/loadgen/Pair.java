package org.connectivitybox.loadgen;

import java.util.Objects;

/** Two simulated boxes that link up again and again: {@code sender} sends to {@code receiver}. */
record Pair(Box sender, Box receiver) {
  Pair {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
  }
}
