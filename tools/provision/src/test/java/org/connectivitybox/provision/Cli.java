package org.connectivitybox.provision;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the provisioning tool in-process, capturing what it prints. */
final class Cli {
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Cli() {}

  static Result run(Object... args) {
    ProvisionCommand.useBouncyCastleFirst();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      argv[i] = String.valueOf(args[i]);
    }
    int code = ProvisionCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(argv);
    return new Result(code, out.toString(), err.toString());
  }
}
