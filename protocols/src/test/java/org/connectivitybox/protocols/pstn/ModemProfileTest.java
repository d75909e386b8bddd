package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModemProfileTest {

  @Test
  void theGenericProfileIsTheOneOfTheBrief() {
    ModemProfile p = ModemProfile.named("generic");
    assertEquals(List.of("ATZ", "ATE0V1Q0X4&C1&D2S0=0"), p.init());
    assertEquals("AT+VCID=1", p.callerIdCommand());
    assertEquals(Optional.empty(), p.distinctiveRingCommand());
  }

  @Test
  void everyBuiltInProfileKeepsAutoAnswerOffAndIsFoundByName() {
    for (ModemProfile p : ModemProfile.builtIns()) {
      assertTrue(p.init().stream().anyMatch(c -> c.contains("S0=0")), p.name());
      assertEquals(p, ModemProfile.named(p.name()));
    }
    assertEquals(Optional.of("AT+VDR=1,0"), ModemProfile.CONEXANT.distinctiveRingCommand());
    assertEquals("AT#CID=1", ModemProfile.ROCKWELL.callerIdCommand());
    assertEquals("AT%CCID=1", ModemProfile.MOTOROLA_SM56.callerIdCommand());
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertEquals("no modem profile 'hayes'; known: [generic, conexant, rockwell, motorola-sm56,"
        + " usrobotics]", assertThrows(IllegalArgumentException.class,
            () -> ModemProfile.named("hayes")).getMessage());
  }

  @Test
  void aProfileThatWouldAnswerCallsIsRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> profile("ATZ", "ATS0=2"))
        .getMessage().contains("turns auto-answer on"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> profile("ATZ", "ATE0"))
        .getMessage().contains("must turn auto-answer off"));
  }

  @Test
  void malformedCommandsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> profile("ATZ\r", "ATS0=0"));
    assertThrows(IllegalArgumentException.class, () -> profile("Z", "ATS0=0"));
    assertThrows(IllegalArgumentException.class, () -> profile("AT" + "E0".repeat(40), "ATS0=0"));
  }

  private static ModemProfile profile(String... init) {
    return new ModemProfile("test", List.of(init), "AT+VCID=1", Optional.empty(), Map.of());
  }
}
