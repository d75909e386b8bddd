/**
 * The PKI and TLS layer shared by box and CSS (specification: the configuration section;
 * DESIGN.md "Identities and keys").
 *
 * <p>The CSS is the Root CA. A factory (optionally through a factory sub-CA) gives every box a key
 * pair and a <em>serial-number certificate</em>; during configuration the CSS issues the
 * <em>CB certificate</em> for the same public key, naming the subscriber's CB ID. Every
 * certificate carries its {@link org.connectivitybox.protocols.tls.CertificatePurpose} as a
 * certificate-policy OID, so that a verifier can tell a serial-number certificate from a CB
 * certificate without guessing from the subject. {@link
 * org.connectivitybox.protocols.tls.TlsContexts} builds mutual-TLS contexts that trust one root
 * and accept only peers of the purposes given; {@link
 * org.connectivitybox.protocols.tls.PeerIdentity} turns a verified peer chain into a typed
 * identity.
 */
package org.connectivitybox.protocols.tls;
