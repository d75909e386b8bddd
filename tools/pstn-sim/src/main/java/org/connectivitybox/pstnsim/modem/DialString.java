package org.connectivitybox.pstnsim.modem;

import java.util.Locale;

/**
 * The number and the pauses in the dial string of {@code ATD}: digits, {@code + * #} go to the
 * exchange; {@code ,} is a pause of S8 seconds; {@code T}, {@code P}, {@code W}, spaces,
 * {@code -}, {@code (} and {@code )} are accepted and ignored. Pure.
 *
 * @param number what the exchange routes
 * @param pauses how many {@code ,} the string had
 */
public record DialString(String number, int pauses) {

  /** @throws AtSyntaxException if the string has other characters, no digit, or ends in {@code ;} */
  public static DialString parse(String dial) throws AtSyntaxException {
    StringBuilder number = new StringBuilder();
    int pauses = 0;
    for (char c : dial.toUpperCase(Locale.ROOT).toCharArray()) {
      if (Character.isDigit(c) || c == '*' || c == '#' || (c == '+' && number.length() == 0)) {
        number.append(c);
      } else if (c == ',') {
        pauses++;
      } else if ("TPW -()".indexOf(c) < 0) {
        throw new AtSyntaxException("dial string character '" + c + "' is not supported");
      }
    }
    if (number.chars().noneMatch(Character::isDigit) || number.length() > 40) {
      throw new AtSyntaxException("dial string has no number (or more than 40 characters)");
    }
    return new DialString(number.toString(), pauses);
  }
}
