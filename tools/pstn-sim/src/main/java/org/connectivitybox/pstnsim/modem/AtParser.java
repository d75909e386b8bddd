package org.connectivitybox.pstnsim.modem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the body of an AT command line (what follows {@code AT}) into commands. Pure: no state,
 * no I/O. Spaces outside a dial string are ignored, letters are case-insensitive, {@code D} takes
 * the rest of the line, and extended commands end at {@code ;} or at the end of the line.
 */
public final class AtParser {
  private AtParser() {}

  /** @throws AtSyntaxException if the body is not a well-formed list of commands */
  public static List<AtCommand> parse(String body) throws AtSyntaxException {
    List<AtCommand> out = new ArrayList<>();
    String s = body.toUpperCase(Locale.ROOT);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == ';') {
        i++;
      } else if (c == 'D') {
        out.add(new AtCommand.Dial(body.substring(i + 1).trim()));
        return out;
      } else if (c == '+' || c == '#' || c == '%') {
        i = extended(s, i, out);
      } else if (c == 'S') {
        i = register(s, i + 1, out);
      } else if (c == '&') {
        if (i + 1 >= s.length() || !Character.isLetter(s.charAt(i + 1))) {
          throw new AtSyntaxException("'&' without a letter");
        }
        int[] num = number(s, i + 2);
        out.add(new AtCommand.Basic("&" + s.charAt(i + 1), num[0]));
        i = num[1];
      } else if (Character.isLetter(c)) {
        int[] num = number(s, i + 1);
        out.add(new AtCommand.Basic(String.valueOf(c), num[0]));
        i = num[1];
      } else {
        throw new AtSyntaxException("unexpected '" + c + "'");
      }
    }
    return out;
  }

  private static int extended(String s, int i, List<AtCommand> out) throws AtSyntaxException {
    int j = i + 1;
    while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
      j++;
    }
    if (j == i + 1) {
      throw new AtSyntaxException("extended command without a name");
    }
    String name = s.substring(i, j);
    if (j < s.length() && s.charAt(j) == '?') {
      out.add(new AtCommand.Extended(name, null, true));
      return j + 1;
    }
    if (j < s.length() && s.charAt(j) == '=') {
      int end = s.indexOf(';', j);
      end = end < 0 ? s.length() : end;
      String value = s.substring(j + 1, end).trim();
      if (value.equals("?")) {
        out.add(new AtCommand.Extended(name, null, true));
      } else {
        out.add(new AtCommand.Extended(name, value, false));
      }
      return end;
    }
    out.add(new AtCommand.Extended(name, null, false));
    return j;
  }

  private static int register(String s, int i, List<AtCommand> out) throws AtSyntaxException {
    int[] reg = number(s, i);
    if (reg[0] < 0) {
      throw new AtSyntaxException("S without a register number");
    }
    int j = reg[1];
    if (j < s.length() && s.charAt(j) == '?') {
      out.add(new AtCommand.QueryRegister(reg[0]));
      return j + 1;
    }
    if (j < s.length() && s.charAt(j) == '=') {
      int[] val = number(s, j + 1);
      if (val[0] < 0) {
        throw new AtSyntaxException("S" + reg[0] + "= without a value");
      }
      out.add(new AtCommand.SetRegister(reg[0], val[0]));
      return val[1];
    }
    throw new AtSyntaxException("S" + reg[0] + " needs '=' or '?'");
  }

  /** The decimal number at {@code i} (-1 if none) and the index after it. */
  private static int[] number(String s, int i) throws AtSyntaxException {
    int j = i;
    while (j < s.length() && Character.isDigit(s.charAt(j))) {
      j++;
    }
    if (j == i) {
      return new int[] {-1, i};
    }
    if (j - i > 5) {
      throw new AtSyntaxException("number too long");
    }
    return new int[] {Integer.parseInt(s.substring(i, j)), j};
  }
}
