package io.cauri.sealing;

/**
 * Port: encrypts small secrets (webhook signing secrets) for storage. In AWS a KMS key (envelope
 * encryption: a data key per secret, itself encrypted by KMS), in local-api and tests an AES-256 key from a
 * local file or configuration. {@code context} is authenticated, not stored: a sealed value opens only with
 * the context it was sealed with (AES-GCM associated data, KMS encryption context).
 */
public interface EncryptionKey {

    /** An opaque, printable string; a new random nonce every time. */
    String seal(byte[] plaintext, String context);

    /** Throws {@link IllegalStateException} if the value was tampered with or the context differs. */
    byte[] open(String sealed, String context);
}
