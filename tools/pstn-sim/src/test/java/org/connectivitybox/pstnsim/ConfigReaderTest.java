package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.pstnsim.config.ConfigReader;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The configuration file: the example parses, defaults apply, and every error names its field. */
class ConfigReaderTest {
  private static final Path BASE = Path.of("/tmp/base");

  private static SimConfig parse(String json) throws MalformedMessageException {
    return ConfigReader.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), BASE);
  }

  @Test
  void theExampleConfigurationParses() throws Exception {
    SimConfig c = ConfigReader.read(Path.of("example-config.json"));
    assertEquals(3, c.lines().size());
    assertEquals(1, c.naps().size());
    assertEquals(Duration.ofMillis(800),
        c.exchange().cadenceFor("08005550100").on());
    assertEquals(Presentation.WITHHELD, c.lines().get(2).presentation());
    assertEquals("calls.jsonl", c.callLog().getFileName().toString());
  }

  @Test
  void defaultsApply() throws Exception {
    SimConfig c = parse("{'lines': [{'number': '1001'}]}");
    assertEquals(33_600, c.lines().get(0).rateBps());
    assertEquals(0, c.lines().get(0).port());
    assertEquals(Duration.ofSeconds(2), c.exchange().cadence().on());
    assertEquals(Duration.ofSeconds(4), c.exchange().cadence().off());
    assertEquals(false, c.exchange().barring().enabled());
    assertNull(c.callLog());
    assertEquals(0, c.controlPort());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'lines': [{'number': '1001', 'rateBps': 100}]}"
          + "| field 'lines[0].rateBps' is 100, outside 300..56000",
      "{'lines': [{'number': '1001', 'rate': 9600}]}"
          + "| field 'lines[0].rate' is not a known field",
      "{'lines': [{'number': '10a1'}]}| field 'lines[0].number' must be 1-40 digits",
      "{'lines': [{'number': '1001'}, {'number': '1001'}]}| field 'lines[1].number' repeats 1001",
      "{'lines': [{'port': 5}]}| field 'lines[0].number' is missing",
      "{'lines': []}| field 'lines' is empty",
      "{'lines': {}}| field 'lines' must be an array",
      "{'lines': [{'number': '1', 'port': 7}, {'number': '2', 'port': 7}]}"
          + "| field 'lines[1].port' repeats 7",
      "{'lines': [{'number': '1', 'callerIdPresentation': 'maybe'}]}"
          + "| field 'lines[0].callerIdPresentation' must be available",
      "{'ringCadence': {'onMillis': 0, 'offMillis': 10}, 'lines': [{'number': '1'}]}"
          + "| field 'ringCadence.onMillis' is 0, outside 1..60000",
      "{'callBarring': {'failuresBeforeDelay': 5, 'failuresBeforeBlacklist': 2},"
          + " 'lines': [{'number': '1'}]}"
          + "| field 'callBarring.failuresBeforeBlacklist' must not be less",
      "{'naps': [{'number': '1', 'name': 'n', 'addressPool': {'first': '10.0.0.1',"
          + " 'last': '10.0.0.2'}, 'radius': {'secret': 'x'}}]}"
          + "| field 'naps[0].addressPool' '10.0.0.1' is not in 127.0.0.0/8",
      "{'naps': [{'number': '1', 'name': 'n', 'addressPool': {'first': '127.1.0.1',"
          + " 'last': '127.1.0.9'}, 'radius': {}}]}| field 'naps[0].radius.secret' is missing",
      "{'naps': [{'number': '1', 'name': 'n', 'addressPool': {'first': '127.1.0.1',"
          + " 'last': '127.1.0.9'}, 'radius': {'secret': 'x'}}, {'number': '2', 'name': 'm',"
          + " 'addressPool': {'first': '127.1.0.5', 'last': '127.1.0.20'},"
          + " 'radius': {'secret': 'x'}}]}"
          + "| field 'naps[1].addressPool' overlaps the pool of another NAP",
      "[1]| expected a JSON object",
      "{'lines': [{'number': '1'}]} {}| trailing data",
      "{'lines': [{'number': '1',}]}| not valid JSON",
  })
  void errorsNameTheField(String json, String message) {
    MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> parse(json));
    if (!e.getMessage().startsWith(message.trim())) {
      throw new AssertionError("expected '" + message.trim() + "...', got '" + e.getMessage() + "'");
    }
  }
}
