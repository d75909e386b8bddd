package org.connectivitybox.protocols.sequence;

import com.google.gson.JsonObject;
import java.util.EnumMap;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/**
 * The JSON form of {@link SequenceNumbers}: an object from task wire name to number
 * ({@code {"addressBook": 4, "firmware": 1}}), used inside the transaction codecs.
 *
 * <p>Decoding rejects an unknown task name, naming it: a CSS only returns tasks the box reported.
 */
public final class SequenceNumbersJson {
  private SequenceNumbersJson() {}

  /** The JSON object of {@code s}, tasks in enum order. */
  public static JsonObject encode(SequenceNumbers s) {
    JsonObject o = new JsonObject();
    s.numbers().forEach((task, n) -> o.addProperty(task.wireName(), n));
    return o;
  }

  /**
   * The required object field {@code field} of {@code parent}.
   *
   * @throws MalformedMessageException naming the field (and the task) that is wrong
   */
  public static SequenceNumbers decode(JsonFields parent, String field)
      throws MalformedMessageException {
    JsonFields o = parent.object(field);
    EnumMap<Task, Long> m = new EnumMap<>(Task.class);
    for (String name : o.fieldNames()) {
      Task task = Task.forWireName(name);
      if (task == null) {
        throw o.wrong(name, "is not a known task");
      }
      m.put(task, o.integer(name, 0, SequenceNumbers.MAX));
    }
    return new SequenceNumbers(m);
  }
}
