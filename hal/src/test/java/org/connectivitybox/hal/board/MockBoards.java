package org.connectivitybox.hal.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.io.ByteArrayOutputStream;

/** Boards on Pi4J's mock plugin, and what the mock I2C device received. */
final class MockBoards {

  private MockBoards() {}

  /** A board whose I2C and GPIO are Pi4J's mock providers only (no platform is probed). */
  static Pi4jBoard mock() {
    Context context =
        Pi4J.newContextBuilder()
            .add(
                MockI2CProvider.newInstance(),
                MockDigitalInputProvider.newInstance(),
                MockDigitalOutputProvider.newInstance())
            .build();
    return new Pi4jBoard(context);
  }

  /** Drains the bytes written to the mock I2C device {@code id}, oldest first. */
  static byte[] drainI2c(Pi4jBoard board, String id) {
    I2C i2c = board.context().io(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // MockI2C keeps written bytes in a FIFO that reads empty. Its read() returns the byte
    // sign-extended (0x88 reads as -120), so read blocks and trust the count instead.
    byte[] buffer = new byte[4096];
    for (int n = i2c.read(buffer, 0, buffer.length); n > 0;
        n = i2c.read(buffer, 0, buffer.length)) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
