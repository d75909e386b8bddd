package org.connectivitybox.protocols.sequence;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One sequence number per task, as a box or a subscriber record holds them; any subset of the
 * tasks may be present.
 *
 * @param numbers each from 0 to {@value #MAX} (exact in every JSON reader); copied, unmodifiable
 */
public record SequenceNumbers(Map<Task, Long> numbers) {
  /** Largest sequence number: 2^53 - 1, the largest integer a JSON double holds exactly. */
  public static final long MAX = (1L << 53) - 1;

  /** No numbers at all. */
  public static final SequenceNumbers NONE = new SequenceNumbers(Map.of());

  /** @throws IllegalArgumentException naming the task whose number is out of range */
  public SequenceNumbers {
    Objects.requireNonNull(numbers, "numbers");
    EnumMap<Task, Long> copy = new EnumMap<>(Task.class);
    for (Map.Entry<Task, Long> e : numbers.entrySet()) {
      Task task = Objects.requireNonNull(e.getKey(), "task");
      Long n = e.getValue();
      if (n == null || n < 0 || n > MAX) {
        throw new IllegalArgumentException(
            "sequence number of " + task.wireName() + " is " + n + ", outside 0.." + MAX);
      }
      copy.put(task, n);
    }
    numbers = Collections.unmodifiableMap(copy);
  }

  /** Numbers from alternating tasks and values, for tests and literals. */
  public static SequenceNumbers of(Object... taskThenNumber) {
    EnumMap<Task, Long> m = new EnumMap<>(Task.class);
    for (int i = 0; i < taskThenNumber.length; i += 2) {
      m.put((Task) taskThenNumber[i], ((Number) taskThenNumber[i + 1]).longValue());
    }
    return new SequenceNumbers(m);
  }

  /** The number of {@code task}, if present. */
  public Optional<Long> get(Task task) {
    return Optional.ofNullable(numbers.get(task));
  }

  public boolean isEmpty() {
    return numbers.isEmpty();
  }

  /**
   * The CSS side of the comparison (Figure 11): for every task the box reported, this (the
   * subscriber record's) number where it differs from the box's. Tasks the box did not report
   * are not returned: an older box does not know them.
   */
  public SequenceNumbers mismatches(SequenceNumbers box) {
    EnumMap<Task, Long> m = new EnumMap<>(Task.class);
    box.numbers.forEach((task, n) -> {
      Long css = numbers.get(task);
      if (css != null && !css.equals(n)) {
        m.put(task, css);
      }
    });
    return new SequenceNumbers(m);
  }

  /** These numbers with {@code task} set to {@code number}. */
  public SequenceNumbers with(Task task, long number) {
    EnumMap<Task, Long> m = new EnumMap<>(Task.class);
    m.putAll(numbers);
    m.put(task, number);
    return new SequenceNumbers(m);
  }
}
