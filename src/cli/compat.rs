//! Stand-ins for core calls the server session is gaining (`timeout`, `shutdown`, message ids).
//! Each is replaced by the core's own call once it lands on main.

use smtp_sim::reply::{EnhancedCode, Reply};
use smtp_sim::server::ServerSession;

/// The idle timer fired: the 421 4.4.2 (RFC 5321 §4.5.3.2, RFC 3463 §3.5) to send before closing.
pub fn timeout(session: &mut ServerSession) -> Vec<u8> {
    let mut out = session.take_output();
    let host = session.config().hostname.clone();
    Reply::new(
        421,
        EnhancedCode::parse("4.4.2"),
        format!("{host} Timeout waiting for input, closing connection"),
    )
    .write_to(&mut out);
    out
}

/// The server is too busy or stopping: 421 4.3.2 (RFC 5321 §3.8, RFC 3463 §3.4) and the close.
pub fn shutdown(session: &mut ServerSession) -> Vec<u8> {
    let mut out = session.take_output();
    let host = session.config().hostname.clone();
    Reply::new(
        421,
        EnhancedCode::parse("4.3.2"),
        format!("{host} Service not available, closing connection"),
    )
    .write_to(&mut out);
    out
}

/// The id the server gave `message`, for the `Received:` header's `id` clause (RFC 5321 §4.4).
pub fn message_id(message: &smtp_sim::server::Message) -> String {
    let _ = message;
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
