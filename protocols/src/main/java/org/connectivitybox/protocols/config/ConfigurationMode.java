package org.connectivitybox.protocols.config;

/**
 * Which side opens the HTTPS connection of Phase II (specification: the configuration managers).
 */
public enum ConfigurationMode {
  /**
   * The preferred arrangement: the CSS's configuration manager is the HTTPS client and connects
   * to the box, which serves HTTPS on the address the configuration NAP gave it.
   */
  CSS_CONNECTS_TO_BOX,
  /**
   * The variant for boxes behind NAT: the box is the HTTPS client and connects to the CSS's
   * configuration service at the address held in parameters 190.
   */
  BOX_CONNECTS_TO_CSS
}
