//! Keeps other web sites out of the preview. A page on any site can make the writer's
//! browser ask `http://127.0.0.1:1111/`, and through DNS rebinding (its own name
//! pointed at 127.0.0.1) read the answer as its own: drafts, embargoed briefings. The
//! browser still names the page's site in `Host`, so a preview bound to loopback
//! answers only requests that name it: `localhost` (or a `*.localhost` name), a
//! loopback address, or the address it is bound to, with any port (an SSH tunnel or a
//! proxy may forward another one). Anything else gets 421 Misdirected Request.
//!
//! Bound to a public or LAN address on purpose (`--bind 0.0.0.0`), the preview is meant
//! to be reached under names it cannot know, and every `Host` is accepted.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Which `Host` values the server answers.
#[derive(Debug, Clone, Copy)]
pub struct Hosts {
    bound: IpAddr,
}

impl Hosts {
    pub fn new(bound: IpAddr) -> Hosts {
        Hosts { bound }
    }

    /// Bound to an address other machines can reach: every name is accepted.
    pub fn open(&self) -> bool {
        !self.bound.is_loopback()
    }

    /// True when `authority` (a `Host` value, `name[:port]`) names this server.
    pub fn accepts(&self, authority: &str) -> bool {
        if self.open() {
            return true;
        }
        let host = host_of(authority);
        if host.eq_ignore_ascii_case("localhost")
            || host
                .get(host.len().saturating_sub(".localhost".len())..)
                .is_some_and(|end| end.eq_ignore_ascii_case(".localhost"))
        {
            return true;
        }
        let literal = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        literal
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip == self.bound)
    }
}

/// The name in `name[:port]`; an IPv6 literal keeps its brackets.
fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        return match authority.find(']') {
            Some(end) => &authority[..=end],
            None => authority,
        };
    }
    match authority.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => authority,
    }
}

/// Answers 421 to a request that does not name this server, before any page or the
/// reload stream is looked at. The name is taken from the request line when it is a
/// full URL (as a proxy sends it), and from `Host` otherwise; a request naming neither
/// is refused too.
pub async fn check_host(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    let named = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_string())
        .or_else(|| {
            request
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        });
    match named {
        Some(authority) if hosts.accepts(&authority) => next.run(request).await,
        _ => {
            let mut response = (
                StatusCode::MISDIRECTED_REQUEST,
                "brief serve answers only requests for localhost or its own address; \
                 start it with --bind 0.0.0.0 to be reached under other names\n",
            )
                .into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn a_loopback_server_answers_only_its_own_names() {
        let hosts = Hosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST));
        for accepted in [
            "localhost",
            "LOCALHOST:1111",
            "preview.localhost:8080",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.0.0.2:9",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(hosts.accepts(accepted), "{accepted}");
        }
        for refused in [
            "attacker.example",
            "attacker.example:1111",
            "localhost.attacker.example",
            "127.0.0.1.nip.io:1111",
            "notlocalhost",
            "192.168.1.20:1111",
            "[::2]:1111",
            "",
        ] {
            assert!(!hosts.accepts(refused), "{refused}");
        }
    }

    #[test]
    fn the_bound_address_is_accepted_and_a_public_bind_accepts_any_name() {
        let v6 = Hosts::new(IpAddr::V6(Ipv6Addr::LOCALHOST));
        assert!(v6.accepts("[::1]:1111") && !v6.accepts("evil.example"));
        let lan = Hosts::new(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20)));
        assert!(lan.open());
        assert!(lan.accepts("my-laptop.lan:1111"));
        let everywhere = Hosts::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        assert!(everywhere.open() && everywhere.accepts("anything.example"));
    }
}
