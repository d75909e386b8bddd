package org.connectivitybox.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the small text files of CA and device folders, with one-line errors. */
final class Files2 {
  private Files2() {}

  static String readText(Path file) throws ProvisionException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ProvisionException(file + ": no such file");
    } catch (IOException e) {
      throw new ProvisionException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A password from a file: its first line, without the line end. */
  static char[] readPassword(Path file) throws ProvisionException {
    String text = readText(file);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new ProvisionException(file + ": the password file is empty");
    }
    return line.toCharArray();
  }
}
