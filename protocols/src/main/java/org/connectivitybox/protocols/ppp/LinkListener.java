package org.connectivitybox.protocols.ppp;

/**
 * Told when a link that was up goes down.
 *
 * <p>Called once per link, on whichever thread noticed (the link's reader, the scheduler, or the
 * caller of {@link Link#bringDown()}); a listener must be fast and must not throw — an exception
 * is logged and otherwise ignored.
 */
@FunctionalInterface
public interface LinkListener {
  void linkDown(LinkDown event);
}
