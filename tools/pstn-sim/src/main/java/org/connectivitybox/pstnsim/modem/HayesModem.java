package org.connectivitybox.pstnsim.modem;

import org.connectivitybox.protocols.pstn.ResultCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.pstnsim.exchange.Call;
import org.connectivitybox.pstnsim.exchange.CallerId;
import org.connectivitybox.pstnsim.exchange.DialResult;
import org.connectivitybox.pstnsim.exchange.EndCause;
import org.connectivitybox.pstnsim.exchange.Exchange;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.exchange.Terminal;
import org.tinylog.Logger;

/**
 * An emulated Hayes modem on one line of the exchange, speaking the AT dialect of docs/pstn.md
 * to whatever computer is attached to its port.
 *
 * <p>States and transitions:
 * <pre>
 *   COMMAND ⇄ OFF_HOOK (ATH1 / ATH0)
 *   COMMAND, OFF_HOOK ──ATD──▶ DIALLING ──answered──▶ ONLINE_DATA
 *   DIALLING ──refused / no answer / any byte (abort)──▶ COMMAND
 *   COMMAND + incoming call ringing ──ATA or S0 rings──▶ ANSWERING ──▶ ONLINE_DATA
 *   ONLINE_DATA ──+++ with guard time──▶ ONLINE_COMMAND ──ATO──▶ ONLINE_DATA
 *   ONLINE_* ──ATH / far end hangs up / carrier lost / DTR drop──▶ COMMAND
 * </pre>
 * Thread-safe: the port's reader thread and the exchange's event thread share one lock; the
 * modem never calls the exchange's dial (which offers the call to another terminal) while
 * holding it. A write to a computer that went away is ignored (the port notices the close).
 */
public final class HayesModem implements Terminal {
  /** Where the modem is. */
  public enum State { COMMAND, OFF_HOOK, DIALLING, ANSWERING, ONLINE_DATA, ONLINE_COMMAND }

  private static final int MAX_LINE = 80;

  private final String number;
  private final int rateBps;
  private final Exchange exchange;
  private final ModemSettings settings = new ModemSettings();
  private final EscapeGuard escape = new EscapeGuard();
  private final StringBuilder line = new StringBuilder();
  private State state = State.COMMAND;
  private OutputStream out;
  private Call call;
  private Call incoming;
  private boolean discardToCr;

  public HayesModem(String number, int rateBps, Exchange exchange) {
    this.number = number;
    this.rateBps = rateBps;
    this.exchange = exchange;
  }

  @Override
  public String number() {
    return number;
  }

  @Override
  public int rateBps() {
    return rateBps;
  }

  /** Where the modem is now. */
  public synchronized State state() {
    return state;
  }

  /** True while a computer is attached. */
  public synchronized boolean attached() {
    return out != null;
  }

  // ---- the computer's side (the port's reader thread) ----

  /** A computer attached (DTR raised): the modem talks to {@code out} from now on. */
  public synchronized void attach(OutputStream out) {
    this.out = out;
  }

  /** The computer went away (DTR dropped): hang up any call and reset to the defaults. */
  public void detach() {
    Call toHangUp;
    synchronized (this) {
      out = null;
      toHangUp = call;
      call = null;
      state = State.COMMAND;
      settings.reset();
      line.setLength(0);
      discardToCr = false;
    }
    if (toHangUp != null) {
      toHangUp.hangUp(this);
    }
  }

  /** Bytes from the computer. Blocks while the line is full in data mode (flow control). */
  public void input(byte[] data, int len) throws InterruptedException {
    Call dataCall = null;
    String dialled = null;
    synchronized (this) {
      if (state == State.ONLINE_DATA) {
        long now = System.nanoTime();
        if (escape.accept(data, 0, len, now)) {
          long guard = escape.guardNanos();
          try {
            exchange.scheduler().schedule(this::checkEscape, guard + 1_000_000,
                TimeUnit.NANOSECONDS);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            // the exchange is closing
          }
        }
        dataCall = call;
      } else {
        dialled = command(data, len);
      }
    }
    if (dataCall != null) {
      dataCall.send(this, data, 0, len);
    } else if (dialled != null) {
      dial(dialled);
    }
  }

  private synchronized void checkEscape() {
    if (state == State.ONLINE_DATA && escape.escapeDue(System.nanoTime())) {
      state = State.ONLINE_COMMAND;
      result(ResultCode.OK);
    }
  }

  /** Command-mode bytes; returns a dial string when a line asks to dial. */
  private String command(byte[] data, int len) {
    String dial = null;
    for (int i = 0; i < len; i++) {
      byte b = data[i];
      if (state == State.DIALLING) {
        // Any character aborts dialling, as on a Hayes modem; the rest of its line is dropped.
        Call abandoned = call;
        call = null;
        state = State.COMMAND;
        if (abandoned != null) {
          abandoned.hangUp(this);
        }
        result(ResultCode.NO_CARRIER);
        discardToCr = b != '\r';
        continue;
      }
      if (state == State.ANSWERING || state == State.ONLINE_DATA) {
        continue;
      }
      if (discardToCr) {
        discardToCr = b != '\r';
        continue;
      }
      if (settings.echo) {
        write(new byte[] {b});
      }
      if (b == '\r') {
        String text = line.toString();
        line.setLength(0);
        String d = execute(text);
        if (d != null) {
          dial = d;
          // Bytes after the dialling line abort it, as typed-ahead characters would.
          if (i + 1 < len) {
            discardToCr = true;
          }
        }
      } else if (b == '\n' || b == 0) {
        continue;
      } else if (b == 8 || b == 127) {
        if (line.length() > 0) {
          line.setLength(line.length() - 1);
        }
      } else if (line.length() <= MAX_LINE + 2) {
        line.append((char) (b & 0xff));
      } else {
        line.append('\u0000'); // marks the line as too long
      }
    }
    return dial;
  }

  /** Runs one command line; returns the number to dial, if it dials. */
  private String execute(String text) {
    String t = text.trim();
    if (t.length() < 2 || !t.substring(0, 2).equalsIgnoreCase("AT")) {
      return null; // not a command: a modem ignores it
    }
    if (t.length() > MAX_LINE || t.indexOf('\u0000') >= 0) {
      result(ResultCode.ERROR);
      return null;
    }
    List<AtCommand> commands;
    try {
      commands = AtParser.parse(t.substring(2));
    } catch (AtSyntaxException e) {
      result(ResultCode.ERROR);
      return null;
    }
    for (AtCommand c : commands) {
      Outcome o = run(c);
      if (o == Outcome.ERROR) {
        result(ResultCode.ERROR);
        return null;
      }
      if (o == Outcome.REPORTED) {
        return null;
      }
      if (o == Outcome.DIAL) {
        return ((AtCommand.Dial) c).dialString();
      }
    }
    result(ResultCode.OK);
    return null;
  }

  private enum Outcome { NEXT, ERROR, REPORTED, DIAL }

  private Outcome run(AtCommand c) {
    if (c instanceof AtCommand.Basic b) {
      return basic(b.name(), b.value());
    }
    if (c instanceof AtCommand.SetRegister r) {
      if (r.register() >= settings.s.length || r.value() > 255) {
        return Outcome.ERROR;
      }
      settings.s[r.register()] = r.value();
      return Outcome.NEXT;
    }
    if (c instanceof AtCommand.QueryRegister q) {
      if (q.register() >= settings.s.length) {
        return Outcome.ERROR;
      }
      info(String.format("%03d", settings.s[q.register()]));
      return Outcome.NEXT;
    }
    if (c instanceof AtCommand.Extended e) {
      return extended(e);
    }
    boolean canDial = (state == State.COMMAND || state == State.OFF_HOOK) && incoming == null;
    return canDial ? Outcome.DIAL : Outcome.ERROR;
  }

  private Outcome basic(String name, int v) {
    int value = Math.max(v, 0);
    switch (name) {
      case "E" -> settings.echo = flag(value);
      case "V" -> settings.verbose = flag(value);
      case "Q" -> settings.quiet = flag(value);
      case "X" -> {
        if (value > 4) {
          return Outcome.ERROR;
        }
        settings.x = value;
      }
      case "L", "M" -> {
        if (value > 3) {
          return Outcome.ERROR;
        }
      }
      case "&C" -> {
        if (value > 1) {
          return Outcome.ERROR;
        }
        settings.c = value;
      }
      case "&D" -> {
        if (value > 2) {
          return Outcome.ERROR;
        }
        settings.d = value;
      }
      case "Z", "&F" -> {
        if (v > 0) {
          return Outcome.ERROR;
        }
        if (name.equals("Z")) {
          hangUpOwnCall();
        }
        settings.reset();
      }
      case "H" -> {
        if (value > 1) {
          return Outcome.ERROR;
        }
        hangUpOwnCall();
        if (value == 1) {
          state = State.OFF_HOOK;
        }
      }
      case "A" -> {
        return answer() ? Outcome.REPORTED : reportNoCarrier();
      }
      case "O" -> {
        if (state != State.ONLINE_COMMAND) {
          return reportNoCarrier();
        }
        state = State.ONLINE_DATA;
        escape.reset(System.nanoTime(), settings.escapeGuard().toNanos());
        connectResult(call.rateBps());
        return Outcome.REPORTED;
      }
      case "I" -> {
        if (value == 3) {
          info("Connectivity Box PSTN simulator, line " + number + ", " + rateBps + " bit/s");
        } else if (value <= 9) {
          info("PSTN-SIM");
        }
      }
      default -> {
        return Outcome.ERROR;
      }
    }
    return value > 1 && (name.equals("E") || name.equals("V") || name.equals("Q"))
        ? Outcome.ERROR : Outcome.NEXT;
  }

  private static boolean flag(int value) {
    return value == 1;
  }

  private Outcome extended(AtCommand.Extended e) {
    switch (e.name()) {
      case "+VCID", "#CID", "%CCID" -> {
        if (e.query()) {
          info(e.name() + ": " + settings.callerId);
          return Outcome.NEXT;
        }
        int max = e.name().equals("%CCID") ? 1 : 2;
        if (e.value() == null || !e.value().matches("[0-9]") || Integer.parseInt(e.value()) > max) {
          return Outcome.ERROR;
        }
        settings.callerId = Integer.parseInt(e.value());
        return Outcome.NEXT;
      }
      case "+VDR" -> {
        if (e.query()) {
          info("+VDR: " + (settings.ringReports ? 1 : 0) + ",0");
          return Outcome.NEXT;
        }
        if (e.value() == null || !e.value().matches("[01](,[0-9]{1,3})?")) {
          return Outcome.ERROR;
        }
        settings.ringReports = e.value().charAt(0) == '1';
        return Outcome.NEXT;
      }
      default -> {
        return Outcome.ERROR;
      }
    }
  }

  private Outcome reportNoCarrier() {
    result(ResultCode.NO_CARRIER);
    return Outcome.REPORTED;
  }

  private void hangUpOwnCall() {
    if (call != null) {
      Call c = call;
      call = null;
      c.hangUp(this);
    }
    state = State.COMMAND;
  }

  private boolean answer() {
    if (incoming == null || !incoming.answer()) {
      return false;
    }
    call = incoming;
    incoming = null;
    state = State.ANSWERING;
    return true;
  }

  private void dial(String dialString) {
    DialString d;
    java.time.Duration pause;
    java.time.Duration s7;
    synchronized (this) {
      try {
        d = DialString.parse(dialString);
      } catch (AtSyntaxException e) {
        result(ResultCode.ERROR);
        return;
      }
      state = State.DIALLING;
      call = null;
      pause = settings.commaPause().multipliedBy(d.pauses());
      s7 = settings.waitForCarrier().plus(pause);
    }
    DialResult r = exchange.dial(this, d.number(), pause, s7);
    synchronized (this) {
      if (r instanceof DialResult.Refused refused) {
        if (state == State.DIALLING) {
          state = State.COMMAND;
          result(switch (refused.outcome()) {
            case BUSY -> ResultCode.BUSY;
            case NO_DIALTONE -> ResultCode.NO_DIALTONE;
            case DELAYED -> ResultCode.DELAYED;
            case BLACKLISTED -> ResultCode.BLACKLISTED;
            default -> ResultCode.NO_CARRIER;
          });
        }
      } else if (r instanceof DialResult.Ringing ringing) {
        if (state == State.DIALLING && call == null) {
          call = ringing.call();
        } else if (call != ringing.call()) {
          ringing.call().hangUp(this); // aborted while the exchange was routing it
        }
      }
    }
  }

  // ---- the exchange's side (its event thread) ----

  @Override
  public synchronized boolean offer(Call offered) {
    if (state != State.COMMAND || incoming != null || call != null || exchange.isDead(number)) {
      return false;
    }
    incoming = offered;
    return true;
  }

  @Override
  public synchronized void ringStarted(Call c, int ring, RingCadence cadence) {
    if (c != incoming) {
      return;
    }
    if (settings.ringReports) {
      info("DRON=" + cadence.onTenths());
    }
    result(ResultCode.RING);
    int s0 = settings.autoAnswerRings();
    if (s0 > 0 && ring >= s0 && out != null && state == State.COMMAND) {
      answer();
    }
  }

  @Override
  public synchronized void ringEnded(Call c, int ring, RingCadence cadence) {
    if (c == incoming && settings.ringReports) {
      info("DROF=" + cadence.offTenths());
    }
  }

  @Override
  public synchronized void callerId(Call c, CallerId id) {
    if (c != incoming) {
      return;
    }
    if (settings.callerId == 1) {
      for (String l : id.formattedLines()) {
        info(l);
      }
    } else if (settings.callerId == 2) {
      info(id.mdmfHex());
    }
  }

  @Override
  public synchronized void connected(Call c, int rate) {
    if (!mine(c)) {
      return;
    }
    call = c;
    state = State.ONLINE_DATA;
    escape.reset(System.nanoTime(), settings.escapeGuard().toNanos());
    connectResult(rate);
  }

  /** True if {@code c} is this modem's call, also when the exchange is quicker than dial(). */
  private boolean mine(Call c) {
    return c == call || (state == State.DIALLING && call == null && c.caller() == this);
  }

  @Override
  public synchronized void received(Call c, byte[] data) {
    if (c == call && state == State.ONLINE_DATA) {
      write(data);
    }
  }

  @Override
  public synchronized void ended(Call c, EndCause cause) {
    if (c == incoming) {
      incoming = null; // the ringing stops; a modem reports nothing
      return;
    }
    if (!mine(c)) {
      return;
    }
    call = null;
    state = State.COMMAND;
    result(cause == EndCause.NO_ANSWER ? ResultCode.NO_ANSWER : ResultCode.NO_CARRIER);
  }

  // ---- output ----

  private void connectResult(int rate) {
    if (settings.quiet) {
      return;
    }
    if (settings.verbose) {
      write(("\r\nCONNECT " + rate + "\r\n").getBytes(StandardCharsets.US_ASCII));
    } else {
      write((ResultCode.CONNECT.numeric() + "\r").getBytes(StandardCharsets.US_ASCII));
    }
  }

  private void result(ResultCode code) {
    if (settings.quiet) {
      return;
    }
    String text = settings.verbose ? "\r\n" + code.verbose() + "\r\n" : code.numeric() + "\r";
    write(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Information text (ATI, S-register queries, caller ID, DRON/DROF): always framed CR LF. */
  private void info(String text) {
    write(("\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  private void write(byte[] bytes) {
    if (out == null) {
      return;
    }
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      Logger.debug("line {}: write failed: {}", number, e.getMessage());
    }
  }
}
