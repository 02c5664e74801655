//! A digest as an email message (`--format eml`): multipart/alternative with the text
//! version first and the HTML version second, as RFC 2046 orders them (plainest
//! first), and the headers a mail client needs to open it: From, To when given, a
//! UTF-8 Subject, Date and Message-ID. The MIME is mail-builder's, not brief's.

use jiff::Timestamp;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::date::Date;

/// An address with an optional display name: `Two Stacks <desk@twostacks.example.org>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub address: String,
}

impl Mailbox {
    /// `Name <address>` or a bare `address`; None when there is no `local@domain` in it.
    pub fn parse(text: &str) -> Option<Mailbox> {
        let text = text.trim();
        let (name, address) = match text.strip_suffix('>').and_then(|t| t.rsplit_once('<')) {
            Some((name, address)) => {
                let name = name.trim().trim_matches('"').trim();
                ((!name.is_empty()).then(|| name.to_string()), address.trim())
            }
            None => (None, text),
        };
        let (local, domain) = address.split_once('@')?;
        let plain = |part: &str| {
            !part.is_empty()
                && !part
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>@,;\"".contains(c))
        };
        (plain(local) && plain(domain) && (domain.contains('.') || domain == "localhost")).then(
            || Mailbox {
                name,
                address: address.to_string(),
            },
        )
    }

    /// The part after the `@`, for the Message-ID.
    pub fn domain(&self) -> &str {
        self.address
            .rsplit_once('@')
            .map_or(&self.address, |(_, d)| d)
    }

    fn header(&self) -> Address<'_> {
        Address::new_address(self.name.as_deref(), self.address.as_str())
    }
}

/// What a message says: its subject and its two versions.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
}

/// The digest as a whole message. `id` names the digest (`2025-10-02`,
/// `2025-10-01.2025-10-07.smic`) and with a fingerprint of its HTML makes the
/// Message-ID, so the same digest written twice is the same message.
pub fn eml(
    email: Content,
    from: &Mailbox,
    to: Option<&Mailbox>,
    date: Timestamp,
    id: &str,
) -> Vec<u8> {
    let fingerprint = crate::files::fingerprint(email.html.as_bytes());
    let message_id = format!("digest.{id}.{fingerprint:016x}@{}", from.domain());
    let mut message = MessageBuilder::new()
        .from(from.header())
        .subject(email.subject)
        .date(Date::new(date.as_second()))
        .message_id(message_id)
        .text_body(email.text)
        .html_body(email.html);
    if let Some(to) = to {
        message = message.to(to.header());
    }
    message
        .write_to_vec()
        .expect("writing a message into memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_is_a_name_and_an_address_or_an_address_alone() {
        assert_eq!(
            Mailbox::parse("Two Stacks <desk@twostacks.example.org>"),
            Some(Mailbox {
                name: Some("Two Stacks".into()),
                address: "desk@twostacks.example.org".into()
            })
        );
        assert_eq!(
            Mailbox::parse("\"Desk, Two Stacks\" <desk@x.org>")
                .unwrap()
                .name,
            Some("Desk, Two Stacks".into())
        );
        assert_eq!(Mailbox::parse("desk@x.org").unwrap().address, "desk@x.org");
        for bad in [
            "desk",
            "desk@",
            "@x.org",
            "a b@x.org",
            "Desk <desk>",
            "a@b@c.org",
        ] {
            assert_eq!(Mailbox::parse(bad), None, "{bad}");
        }
    }
}
