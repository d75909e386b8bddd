package org.connectivitybox.pstnsim.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.nap.AddressPool;
import org.connectivitybox.pstnsim.nap.NapSettings;
import org.connectivitybox.pstnsim.nap.RadiusSettings;

/**
 * Reads the simulator's JSON configuration (tools/pstn-sim/README.md, "Configuration") strictly:
 * UTF-8, one object, no unknown fields, every value checked. Errors are
 * {@link MalformedMessageException}s whose message starts with the file and names the field.
 */
public final class ConfigReader {
  /** The line rate when none is configured, in bit/s. */
  public static final int DEFAULT_RATE = 33_600;
  public static final int MIN_RATE = 300;
  public static final int MAX_RATE = 56_000;

  private static final String NUMBER = "\\+?[0-9*#]{1,40}";

  private ConfigReader() {}

  /** Reads a file; a relative {@code callLog} is resolved against the file's folder. */
  public static SimConfig read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Path base = file.toAbsolutePath().getParent();
    try {
      return parse(bytes, base);
    } catch (MalformedMessageException e) {
      throw new MalformedMessageException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses configuration bytes; {@code base} resolves a relative call-log path. */
  public static SimConfig parse(byte[] bytes, Path base) throws MalformedMessageException {
    ConfigFields root = new ConfigFields("", rootObject(bytes).getAsJsonObject());
    root.onlyKnown(Set.of("ringCadence", "distinctiveRings", "callBarring", "callLog",
        "controlPort", "lines", "naps"));
    RingCadence cadence = root.has("ringCadence")
        ? cadence(root.object("ringCadence")) : RingCadence.DEFAULT;
    Map<String, RingCadence> distinctive = new HashMap<>();
    for (ConfigFields d : root.objects("distinctiveRings")) {
      d.onlyKnown(Set.of("callingNumber", "onMillis", "offMillis"));
      String from = number(d, "callingNumber");
      if (distinctive.put(from, cadence(d)) != null) {
        throw d.wrong("callingNumber", "repeats " + from);
      }
    }
    CallBarring.Rules barring = root.has("callBarring")
        ? barring(root.object("callBarring")) : CallBarring.Rules.OFF;
    Path callLog = root.has("callLog") ? base.resolve(root.string("callLog")) : null;
    int controlPort = (int) root.integer("controlPort", -1, 65535, 0);

    Set<String> numbers = new HashSet<>();
    Set<Long> ports = new HashSet<>();
    List<LineConfig> lines = new ArrayList<>();
    for (ConfigFields l : root.objects("lines")) {
      lines.add(line(l, numbers, ports));
    }
    List<NapSettings> naps = new ArrayList<>();
    List<AddressPool> pools = new ArrayList<>();
    for (ConfigFields n : root.objects("naps")) {
      naps.add(nap(n, numbers, pools));
    }
    if (lines.isEmpty() && naps.isEmpty()) {
      throw root.wrong("lines", "is empty and so is 'naps': configure at least one line");
    }
    return new SimConfig(new ExchangeSettings(cadence, distinctive, barring), lines, naps,
        callLog, controlPort);
  }

  private static JsonElement rootObject(byte[] bytes) throws MalformedMessageException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedMessageException("not valid UTF-8");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = JsonParser.parseReader(reader);
      if (!atEnd(reader)) {
        throw new MalformedMessageException("trailing data after the JSON object");
      }
      if (!root.isJsonObject()) {
        throw new MalformedMessageException("expected a JSON object");
      }
      return root;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      if (e instanceof MalformedMessageException m) {
        throw m;
      }
      throw new MalformedMessageException("not valid JSON: " + e.getMessage(), e);
    }
  }

  /** True if only whitespace follows; a strict reader throws on a second value instead. */
  private static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException e) {
      return false;
    }
  }

  private static RingCadence cadence(ConfigFields c) throws MalformedMessageException {
    if (!c.has("callingNumber")) {
      c.onlyKnown(Set.of("onMillis", "offMillis"));
    }
    return new RingCadence(Duration.ofMillis(c.integer("onMillis", 1, 60_000)),
        Duration.ofMillis(c.integer("offMillis", 1, 60_000)));
  }

  private static CallBarring.Rules barring(ConfigFields b) throws MalformedMessageException {
    b.onlyKnown(Set.of("enabled", "failuresBeforeDelay", "delaySeconds",
        "failuresBeforeBlacklist"));
    CallBarring.Rules off = CallBarring.Rules.OFF;
    int delayAfter = (int) b.integer("failuresBeforeDelay", 1, 100, off.failuresBeforeDelay());
    int blacklistAfter = (int) b.integer("failuresBeforeBlacklist", 1, 1000,
        off.failuresBeforeBlacklist());
    if (blacklistAfter < delayAfter) {
      throw b.wrong("failuresBeforeBlacklist", "must not be less than failuresBeforeDelay");
    }
    return new CallBarring.Rules(b.bool("enabled", false), delayAfter,
        Duration.ofSeconds(b.integer("delaySeconds", 0, 86_400, off.delay().toSeconds())),
        blacklistAfter);
  }

  private static LineConfig line(ConfigFields l, Set<String> numbers, Set<Long> ports)
      throws MalformedMessageException {
    l.onlyKnown(Set.of("number", "port", "rateBps", "dead", "callerIdPresentation",
        "callerName"));
    String number = unique(l, numbers);
    long port = l.integer("port", 0, 65535, 0);
    if (port != 0 && !ports.add(port)) {
      throw l.wrong("port", "repeats " + port);
    }
    Presentation presentation;
    String p = l.string("callerIdPresentation", "available");
    try {
      presentation = Presentation.valueOf(p.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw l.wrong("callerIdPresentation", "must be available, withheld or unavailable");
    }
    String name = l.string("callerName", null);
    if (name != null && !name.matches("[\\x20-\\x7e]{1,40}")) {
      throw l.wrong("callerName", "must be 1-40 printable ASCII characters");
    }
    return new LineConfig(number, (int) port, rate(l), l.bool("dead", false), presentation, name);
  }

  private static NapSettings nap(ConfigFields n, Set<String> numbers, List<AddressPool> pools)
      throws MalformedMessageException {
    n.onlyKnown(Set.of("number", "name", "rateBps", "ports", "answerAfterRings",
        "loginTimeoutSeconds", "addressPool", "peerAddress", "radius"));
    String number = unique(n, numbers);
    String name = n.string("name");
    if (!name.matches("[A-Za-z0-9._-]{1,32}")) {
      throw n.wrong("name", "must be 1-32 letters, digits, '.', '_' or '-'");
    }
    ConfigFields p = n.object("addressPool");
    p.onlyKnown(Set.of("first", "last"));
    String first = p.string("first");
    String last = p.string("last");
    AddressPool pool;
    try {
      pool = new AddressPool(first, last);
    } catch (IllegalArgumentException e) {
      throw n.wrong("addressPool", e.getMessage());
    }
    for (AddressPool other : pools) {
      if (pool.overlaps(other)) {
        throw n.wrong("addressPool", "overlaps the pool of another NAP");
      }
    }
    pools.add(pool);
    String peer = n.string("peerAddress", "127.0.0.1");
    try {
      new AddressPool(peer, peer);
    } catch (IllegalArgumentException e) {
      throw n.wrong("peerAddress", e.getMessage());
    }
    return new NapSettings(number, name, rate(n), (int) n.integer("ports", 1, 1000, 8),
        (int) n.integer("answerAfterRings", 1, 20, 1),
        Duration.ofSeconds(n.integer("loginTimeoutSeconds", 1, 3600, 30)), first, last, peer,
        radius(n.object("radius")));
  }

  private static RadiusSettings radius(ConfigFields r) throws MalformedMessageException {
    r.onlyKnown(Set.of("host", "authPort", "acctPort", "secret", "timeoutMillis", "retries"));
    String secret = r.string("secret");
    if (secret.isEmpty()) {
      throw r.wrong("secret", "must not be empty");
    }
    return new RadiusSettings(r.string("host", "127.0.0.1"),
        (int) r.integer("authPort", 1, 65535, 1812), (int) r.integer("acctPort", 1, 65535, 1813),
        secret, Duration.ofMillis(r.integer("timeoutMillis", 100, 60_000, 3000)),
        (int) r.integer("retries", 0, 10, 2));
  }

  private static String unique(ConfigFields f, Set<String> numbers)
      throws MalformedMessageException {
    String number = number(f, "number");
    if (!numbers.add(number)) {
      throw f.wrong("number", "repeats " + number);
    }
    return number;
  }

  private static String number(ConfigFields f, String field) throws MalformedMessageException {
    String number = f.string(field);
    if (!number.matches(NUMBER) || number.chars().noneMatch(Character::isDigit)) {
      throw f.wrong(field, "must be 1-40 digits, '*' or '#', optionally after a '+'");
    }
    return number;
  }

  private static int rate(ConfigFields f) throws MalformedMessageException {
    return (int) f.integer("rateBps", MIN_RATE, MAX_RATE, DEFAULT_RATE);
  }
}
