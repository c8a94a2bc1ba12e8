//! Bytes to text: binary detection, UTF-8 validation, and the fallback for HTML pages in a
//! legacy single-byte encoding.

use std::io;

/// How much of the start of the input binary detection looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// A control character that does not occur in ordinary text (tab, line breaks and form feed
/// do).
fn is_odd_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f
}

/// True when the start of `bytes` looks binary: any NUL, or more than 1% odd control bytes,
/// in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let odd = head.iter().filter(|&&b| is_odd_control(b)).count();
    odd * 100 > head.len()
}

/// Why bytes are not a text.
#[derive(Debug, PartialEq, Eq)]
pub enum TextError {
    /// NUL bytes or many control characters near the start.
    Binary,
    /// Not UTF-8; the offset of the first bad byte.
    NotUtf8 { offset: usize },
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextError::Binary => f.write_str("binary file, skipped"),
            TextError::NotUtf8 { offset } => write!(f, "not valid UTF-8 (byte offset {offset})"),
        }
    }
}

/// Bytes to text: binary input and invalid UTF-8 are rejected; the text is kept exactly as it
/// is (a byte-order mark or CRLF line ends stay, so offsets match the file).
pub fn decode(bytes: Vec<u8>) -> Result<String, TextError> {
    if looks_binary(&bytes) {
        return Err(TextError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| TextError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// [`decode`] with the error as a message.
pub(crate) fn decode_loc(bytes: Vec<u8>) -> Result<String, String> {
    decode(bytes).map_err(|e| e.to_string())
}

/// Windows-1252 code points for bytes 0x80..0xA0 (the rest of the range is Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decode Windows-1252 (a superset of ISO-8859-1 in practice), never failing.
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// An I/O error as a short message without the path (the caller names the path).
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_text_and_rejects_the_rest() {
        assert_eq!(decode(b"".to_vec()).unwrap(), "");
        assert_eq!(
            decode("Zoë said\r\n\tno.".into()).unwrap(),
            "Zoë said\r\n\tno."
        );
        assert_eq!(decode(b"abc\0def".to_vec()), Err(TextError::Binary));
        let mut ctrl = vec![b'a'; 1000];
        ctrl[10] = 0x01;
        assert!(decode(ctrl.clone()).is_ok(), "0.1% control bytes is text");
        for i in 0..20 {
            ctrl[100 + i] = 0x02;
        }
        assert_eq!(decode(ctrl), Err(TextError::Binary));
        let bad = b"caf\xc3\xa9 ok \xff more".to_vec();
        assert_eq!(decode(bad), Err(TextError::NotUtf8 { offset: 9 }));
    }

    #[test]
    fn cp1252() {
        assert_eq!(decode_cp1252(b"caf\xe9 \x93ok\x94 \x80"), "café “ok” €");
    }
}
