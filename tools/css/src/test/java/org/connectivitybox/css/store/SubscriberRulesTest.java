package org.connectivitybox.css.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.List;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

class SubscriberRulesTest {
  @Test
  void allowedHoursAreHalfOpenAndMayWrapPastMidnight() {
    AllowedHours day = AllowedHours.parse("08:00", "20:00");
    assertTrue(day.contains(LocalTime.of(8, 0)));
    assertTrue(day.contains(LocalTime.of(19, 59)));
    assertFalse(day.contains(LocalTime.of(20, 0)));
    AllowedHours night = AllowedHours.parse("22:00", "06:00");
    assertTrue(night.contains(LocalTime.of(23, 0)));
    assertTrue(night.contains(LocalTime.of(5, 59)));
    assertFalse(night.contains(LocalTime.of(12, 0)));
    assertEquals(AllowedHours.ALL_DAY, AllowedHours.parse("00:00", "24:00"));
    assertTrue(AllowedHours.ALL_DAY.contains(LocalTime.of(23, 59)));
    assertEquals("24:00", AllowedHours.ALL_DAY.until());
  }

  @Test
  void malformedOrEmptyHoursAreRefusedWithTheirName() {
    assertEquals("allowed hours 'from' must be HH:MM, not '8'",
        assertThrows(IllegalArgumentException.class, () -> AllowedHours.parse("8", "20:00"))
            .getMessage());
    assertEquals("allowed hours 'until' is past 24:00: 24:30",
        assertThrows(IllegalArgumentException.class, () -> AllowedHours.parse("08:00", "24:30"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> AllowedHours.parse("08:00", "08:00"));
  }

  @Test
  void aSenderListGoesOnlyWithTheRuleList() {
    assertThrows(IllegalArgumentException.class, () -> new SubscriberRules(SenderRule.ANYONE,
        List.of(CbId.of("cb-bob")), AllowedHours.ALL_DAY));
    assertEquals(1, new SubscriberRules(SenderRule.LIST, List.of(CbId.of("cb-bob")),
        AllowedHours.ALL_DAY).allowedSenders().size());
  }

  @Test
  void telephoneNumbersAreDigitsWithAnOptionalPlus() {
    assertEquals("+3225550101", new TelephoneNumber("+3225550101").value());
    assertEquals("0800", new TelephoneNumber("0800").value());
    for (String bad : new String[] {"", "12", "+", "555 0101", "555-0101", "++3225550101",
        "123456789012345678901"}) {
      assertThrows(IllegalArgumentException.class, () -> new TelephoneNumber(bad), bad);
    }
  }
}
