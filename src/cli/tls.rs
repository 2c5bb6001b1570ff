//! Real TLS for `serve`: STARTTLS (RFC 3207) and implicit TLS (RFC 8314 §3), with rustls and
//! the ring provider. The certificate is given as PEM files or generated at start-up (rcgen,
//! self-signed, for the server's hostname). The core stays sans-IO: it queues its 220 to
//! STARTTLS and resets its state (RFC 3207 §4.2); `serve`'s loop starts a rustls connection on
//! the socket once that 220 is out.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;

/// Where the certificate came from, for the start-up line.
#[derive(Debug)]
pub struct Identity {
    /// The TLS configuration every session uses.
    pub config: Arc<ServerConfig>,
    /// "self-signed for mx.example.test" or the file it was read from.
    pub source: String,
}

/// The TLS configuration: the certificate chain and key from `cert` and `key` (PEM), or a
/// self-signed certificate for `hostname` generated now.
pub fn identity(hostname: &str, files: Option<(&Path, &Path)>) -> Result<Identity, String> {
    let (chain, key, source) = match files {
        Some((cert, key)) => {
            let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
            let pem = read(cert)?;
            let chain = CertificateDer::pem_slice_iter(&pem)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("--cert {}: {e}", cert.display()))?;
            if chain.is_empty() {
                return Err(format!("--cert {}: no CERTIFICATE in it", cert.display()));
            }
            let key_der = PrivateKeyDer::from_pem_slice(&read(key)?)
                .map_err(|e| format!("--key {}: {e}", key.display()))?;
            (chain, key_der, format!("from {}", cert.display()))
        }
        None => {
            let generated = rcgen::generate_simple_self_signed(vec![hostname.to_owned()])
                .map_err(|e| format!("cannot generate a certificate: {e}"))?;
            let key = PrivatePkcs8KeyDer::from(generated.signing_key.serialize_der());
            (
                vec![generated.cert.der().clone()],
                PrivateKeyDer::Pkcs8(key),
                format!("self-signed for {hostname}, generated at start-up"),
            )
        }
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("the certificate and key do not fit: {e}"))?;
    Ok(Identity {
        config: Arc::new(config),
        source,
    })
}
