//! A client and a server wired back to back.
