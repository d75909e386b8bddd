package org.connectivitybox.protocols.ppp;

import java.io.IOException;
import java.util.List;

/**
 * Starts a program: the seam through which {@link PppdLink} runs pppd, so that a test can run a
 * fake pppd (a script printing a pppd transcript) instead.
 *
 * <p>The process's standard error must reach its standard output stream (pppd logs there with
 * {@code logfd 2}); its standard input is a pipe the caller writes the password to.
 */
@FunctionalInterface
public interface ProcessLauncher {

  /** Starts {@code command} (program first); an IOException if it cannot be started. */
  Process start(List<String> command) throws IOException;

  /** The real thing: {@link ProcessBuilder} with standard error merged into standard output. */
  static ProcessLauncher system() {
    return command -> new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
