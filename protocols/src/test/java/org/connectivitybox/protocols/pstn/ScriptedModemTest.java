package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The fixture of the scripted conversation tests: a driver on a {@link ScriptedLine} with
 * {@link VirtualTime}, its events in a queue, and a thread for the box's blocking calls.
 */
@Timeout(20)
abstract class ScriptedModemTest {
  static final ModemSettings SETTINGS = new ModemSettings(Duration.ofSeconds(5),
      Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(10));

  ScriptedLine line;
  VirtualTime time;
  ModemDriver driver;
  final LinkedBlockingQueue<ModemEvent> events = new LinkedBlockingQueue<>();
  private ExecutorService box;

  @BeforeEach
  void startDriver() {
    line = new ScriptedLine();
    time = new VirtualTime();
    driver = ModemDriver.start(line, profile(), time, SETTINGS);
    driver.addListener(events::add);
    box = Executors.newSingleThreadExecutor(r -> new Thread(r, "box"));
  }

  @AfterEach
  void stopDriver() throws InterruptedException {
    driver.close();
    box.shutdownNow();
    assertTrue(box.awaitTermination(5, TimeUnit.SECONDS), "the box thread did not stop");
  }

  ModemProfile profile() {
    return ModemProfile.GENERIC;
  }

  /** Runs a blocking driver call on the box's thread. */
  <T> Future<T> async(Callable<T> call) {
    return box.submit(call);
  }

  static <T> T result(Future<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  ModemEvent nextEvent() throws InterruptedException {
    ModemEvent e = events.poll(5, TimeUnit.SECONDS);
    assertNotNull(e, "no event within 5 s");
    return e;
  }

  void assertNoEvent() throws InterruptedException {
    assertNull(events.poll(100, TimeUnit.MILLISECONDS), "unexpected event");
  }

  /** Takes the driver from COMMAND to ONLINE at 33600 bit/s by a scripted dial. */
  DataCall connect() throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.tone("08005550100"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time,
        Conversation.box("ATDT08005550100"),
        Conversation.modem("CONNECT 33600"));
    assertTrue(result(dial).connected());
    assertTrue(nextEvent() instanceof ModemEvent.Connected);
    DataCall call = driver.dataCall().orElseThrow();
    assertFalse(call.input().available() < 0);
    return call;
  }
}
