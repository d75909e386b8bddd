package org.connectivitybox.protocols.pstn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to set up one family of modems: the init command lines, the command that turns formatted
 * caller ID on, the one that turns distinctive-ring cadence reports on (if the chipset has them),
 * and chipset-specific numeric result codes.
 *
 * <p>Auto-answer stays off: the init lines must set {@code S0=0} and no other {@code S0} value,
 * because the box never answers a wakeup call.
 *
 * @param name the profile's name, as configured ({@code generic}, {@code conexant}, ...)
 * @param init the command lines sent first, in order; each must be answered {@code OK}
 * @param callerIdCommand turns formatted caller ID reports on
 * @param distinctiveRingCommand turns {@code DRON}/{@code DROF} reports on, if the chipset can
 * @param numericExtras numeric result codes beyond docs/pstn.md, for modems that ignore {@code V1}
 */
public record ModemProfile(String name, List<String> init, String callerIdCommand,
    Optional<String> distinctiveRingCommand, Map<Integer, ModemResult> numericExtras) {

  private static final Pattern S0 = Pattern.compile("S0=(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final String BASE_INIT = "ATE0V1Q0X4&C1&D2S0=0";
  /** Hayes codes shared by Hayes, Rockwell, Conexant and USRobotics modems. */
  private static final Map<Integer, ModemResult> HAYES_RATES = Map.of(
      5, new ModemResult(ResultCode.CONNECT, 1200), 10, new ModemResult(ResultCode.CONNECT, 2400));

  /** Most USB modems: reset, verbose codes, echo off, auto-answer off; {@code AT+VCID=1}. */
  public static final ModemProfile GENERIC = new ModemProfile("generic",
      List.of("ATZ", BASE_INIT), "AT+VCID=1", Optional.empty(), HAYES_RATES);
  /** Conexant (CX930xx, HCF/HSF soft modems, many USB sticks): {@code +VCID} and {@code +VDR}. */
  public static final ModemProfile CONEXANT = new ModemProfile("conexant",
      List.of("ATZ", BASE_INIT), "AT+VCID=1", Optional.of("AT+VDR=1,0"), HAYES_RATES);
  /** Rockwell chipsets, e.g. older Zoom modems: caller ID with {@code #CID}. */
  public static final ModemProfile ROCKWELL = new ModemProfile("rockwell",
      List.of("ATZ", BASE_INIT), "AT#CID=1", Optional.empty(), HAYES_RATES);
  /** Motorola SM56 soft modems: caller ID with {@code %CCID}. */
  public static final ModemProfile MOTOROLA_SM56 = new ModemProfile("motorola-sm56",
      List.of("ATZ", BASE_INIT), "AT%CCID=1", Optional.empty(), HAYES_RATES);
  /** USRobotics Courier and Sportster: caller ID with {@code #CID}. */
  public static final ModemProfile USROBOTICS = new ModemProfile("usrobotics",
      List.of("ATZ", BASE_INIT), "AT#CID=1", Optional.empty(), HAYES_RATES);

  /** @throws IllegalArgumentException if a command is malformed or auto-answer is not off */
  public ModemProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("modem profile needs a name");
    }
    init = List.copyOf(init);
    if (init.isEmpty()) {
      throw new IllegalArgumentException("modem profile '" + name + "' has no init commands");
    }
    init.forEach(c -> checkCommand(name, c));
    checkCommand(name, callerIdCommand);
    distinctiveRingCommand.ifPresent(c -> checkCommand(name, c));
    numericExtras = Map.copyOf(numericExtras);
    boolean autoAnswerOff = false;
    for (String command : init) {
      Matcher m = S0.matcher(command);
      while (m.find()) {
        if (Integer.parseInt(m.group(1)) != 0) {
          throw new IllegalArgumentException("modem profile '" + name + "' turns auto-answer on ("
              + command + "): the box never answers a wakeup call, S0 must be 0");
        }
        autoAnswerOff = true;
      }
    }
    if (!autoAnswerOff) {
      throw new IllegalArgumentException(
          "modem profile '" + name + "' must turn auto-answer off (S0=0) in its init commands");
    }
  }

  private static void checkCommand(String profile, String command) {
    if (command == null || !command.toUpperCase(Locale.ROOT).startsWith("AT")
        || command.length() > 80 || command.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("modem profile '" + profile + "' has a malformed command '"
          + command + "': AT and printable ASCII, at most 80 characters");
    }
  }

  /** The built-in profiles, {@link #GENERIC} first. */
  public static List<ModemProfile> builtIns() {
    return List.of(GENERIC, CONEXANT, ROCKWELL, MOTOROLA_SM56, USROBOTICS);
  }

  /**
   * The built-in profile called {@code name}.
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  public static ModemProfile named(String name) {
    for (ModemProfile p : builtIns()) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no modem profile '" + name + "'; known: "
        + builtIns().stream().map(ModemProfile::name).toList());
  }
}
