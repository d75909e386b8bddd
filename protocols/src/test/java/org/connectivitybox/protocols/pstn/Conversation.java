package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import org.connectivitybox.hal.serial.LineState;

/**
 * A scripted AT conversation: a table of steps, read top to bottom like the message diagram —
 * what the box must send, what the modem says, and how much (virtual) time passes.
 */
final class Conversation {

  /** One row of the table. */
  interface Step {
    void play(ScriptedLine line, VirtualTime time);
  }

  private Conversation() {}

  /** Plays the rows in order; fails at the first one the driver does not follow. */
  static void play(ScriptedLine line, VirtualTime time, Step... steps) {
    for (Step s : steps) {
      s.play(line, time);
    }
  }

  /** The box sends this command line (CR added). */
  static Step box(String command) {
    return (line, time) -> line.expect(command + "\r");
  }

  /** The box sends exactly these bytes. */
  static Step boxRaw(String bytes) {
    return (line, time) -> line.expect(bytes);
  }

  /** The box drops DTR, then raises it again. */
  static Step dtrDropped() {
    return (line, time) -> line.expect("{DTR off}");
  }

  static Step dtrRaised() {
    return (line, time) -> line.expect("{DTR on}");
  }

  /** The modem sends a verbose result or report, framed CR LF ... CR LF. */
  static Step modem(String text) {
    return (line, time) -> line.say("\r\n" + text + "\r\n");
  }

  /** The modem sends exactly these bytes. */
  static Step modemRaw(String bytes) {
    return (line, time) -> line.say(bytes);
  }

  /**
   * The box waits on a timer that falls due within {@code d} and has sent nothing more; then
   * {@code d} of virtual time passes.
   */
  static Step after(Duration d) {
    return (line, time) -> {
      time.awaitTimerWithin(d);
      line.assertNothingWritten();
      time.advance(d);
    };
  }

  /** {@code d} of virtual time passes (the modem's own pause; nothing of the box falls due). */
  static Step elapse(Duration d) {
    return (line, time) -> time.advance(d);
  }

  /** The modem's DCD line changes. */
  static Step dcd(LineState state) {
    return (line, time) -> line.dcd(state);
  }

  /** Anything else the test needs to do at this point of the conversation. */
  static Step then(Runnable action) {
    return (line, time) -> action.run();
  }
}
