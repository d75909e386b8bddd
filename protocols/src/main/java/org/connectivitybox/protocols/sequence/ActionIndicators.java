package org.connectivitybox.protocols.sequence;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The box's action indicators 134: which tasks must be carried out, either because the CSS's
 * sequence number differs from the box's (the indicator is the CSS's number) or because the box
 * itself set it (a local address-book edit).
 *
 * <p>An immutable value: the connection manager replaces it as responses arrive, the coordinator
 * clears a task when that task has succeeded.
 *
 * @param cssNumbers per task, the CSS's number where it differs from the box's
 * @param local tasks the box set by itself
 */
public record ActionIndicators(Map<Task, Long> cssNumbers, Set<Task> local) {
  /** No task to do. */
  public static final ActionIndicators NONE = new ActionIndicators(Map.of(), Set.of());

  public ActionIndicators {
    cssNumbers = new SequenceNumbers(cssNumbers).numbers();
    EnumSet<Task> l = EnumSet.noneOf(Task.class);
    l.addAll(Objects.requireNonNull(local, "local"));
    local = Collections.unmodifiableSet(l);
  }

  /**
   * These indicators updated with the mismatches of a CONNECT, DISCONNECT or sequence-number
   * check response: each returned number replaces the task's indicator (a later response is the
   * CSS's newer word).
   */
  public ActionIndicators withMismatches(SequenceNumbers mismatched) {
    EnumMap<Task, Long> m = new EnumMap<>(Task.class);
    m.putAll(cssNumbers);
    m.putAll(mismatched.numbers());
    return new ActionIndicators(m, local);
  }

  /** These indicators with {@code task} set by the box itself. */
  public ActionIndicators withLocal(Task task) {
    EnumSet<Task> l = EnumSet.of(task);
    l.addAll(local);
    return new ActionIndicators(cssNumbers, l);
  }

  /** These indicators with {@code task} cleared, after the task succeeded. */
  public ActionIndicators cleared(Task task) {
    EnumMap<Task, Long> m = new EnumMap<>(Task.class);
    m.putAll(cssNumbers);
    m.remove(task);
    EnumSet<Task> l = EnumSet.noneOf(Task.class);
    l.addAll(local);
    l.remove(task);
    return new ActionIndicators(m, l);
  }

  /** The tasks to carry out, in enum order. */
  public Set<Task> pending() {
    EnumSet<Task> p = EnumSet.noneOf(Task.class);
    p.addAll(cssNumbers.keySet());
    p.addAll(local);
    return Collections.unmodifiableSet(p);
  }

  /** The CSS's number for {@code task}: the number the box should hold once the task is done. */
  public Optional<Long> cssNumber(Task task) {
    return Optional.ofNullable(cssNumbers.get(task));
  }
}
