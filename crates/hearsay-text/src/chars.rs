//! Character classes and small UTF-8 helpers shared by the scanners.
//!
//! All scanners walk `&[u8]` views of a `&str` and only ever stop on char boundaries, so the
//! decoders here can assume well-formed UTF-8 starting at a boundary. They still never index out
//! of bounds on malformed input (missing continuation bytes read as `0x80`).

/// Decodes the char that starts at byte `i` (a char boundary, `i < b.len()`); returns it and its
/// length in bytes.
#[inline(always)]
pub(crate) fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    if b0 < 0xC0 {
        // A continuation byte: never a boundary in valid UTF-8. Step over it.
        return ('\u{FFFD}', 1);
    }
    let cont = |k: usize| (b.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
    let (cp, len) = if b0 < 0xE0 {
        ((((b0 & 0x1F) as u32) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        ((((b0 & 0x0F) as u32) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            (((b0 & 0x07) as u32) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), len)
}

/// The char at `i` if `i < hi`.
#[inline(always)]
pub(crate) fn char_at(b: &[u8], i: usize, hi: usize) -> Option<char> {
    if i < hi {
        Some(decode_at(b, i).0)
    } else {
        None
    }
}

/// The start of the char that ends at byte `i` (exclusive), not going below `lo`.
#[inline]
pub(crate) fn prev_start(b: &[u8], i: usize, lo: usize) -> Option<usize> {
    if i <= lo {
        return None;
    }
    let mut j = i - 1;
    while j > lo && (b[j] & 0xC0) == 0x80 {
        j -= 1;
    }
    Some(j)
}

/// Whitespace for segmentation: Unicode `White_Space` plus the invisible separators that behave
/// like it in running text (BOM / zero-width no-break space, zero-width space, word joiner,
/// Mongolian vowel separator). Never part of a token.
#[inline(always)]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C')
    } else {
        c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{180E}')
    }
}

/// Marks that extend the preceding character (combining marks, joiners, variation selectors,
/// emoji modifiers and tags). They are glued to whatever token precedes them.
#[inline]
pub(crate) fn is_extender(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}' | '\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{302A}'..='\u{302F}'
        | '\u{3099}' | '\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Regional indicator symbols (two make a flag).
#[inline]
pub(crate) fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// The General Punctuation block (curly quotes, dashes, ellipsis, invisible separators): no
/// letters or digits in it, and very common in news text, so it skips the Unicode tables.
#[inline(always)]
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Letters and digits of any script.
#[inline(always)]
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_general_punctuation(c) && c.is_alphanumeric()
    }
}

/// Characters that continue a word: letters, digits, combining marks.
#[inline(always)]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_general_punctuation(c) {
        matches!(c, '\u{200C}' | '\u{200D}')
    } else {
        c.is_alphanumeric() || is_extender(c)
    }
}

/// Decimal digits of any script (and other numeric characters such as `½`).
#[inline(always)]
pub(crate) fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !is_general_punctuation(c) && c.is_numeric()
    }
}

/// Dash characters (not the hyphen-minus).
#[inline]
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2E3A}' | '\u{2E3B}'
    )
}

/// Whether a character that is neither a letter, a digit, a quote nor one of the specially
/// scanned marks is punctuation (`true`) or a symbol (`false`).
#[inline]
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '-' | '/'
        );
    }
    matches!(c,
        '\u{00A1}' | '\u{00A7}' | '\u{00B6}' | '\u{00B7}' | '\u{00BF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2E00}'..='\u{2E4F}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{FF01}' | '\u{FF08}' | '\u{FF09}' | '\u{FF0C}' | '\u{FF0E}' | '\u{FF1A}' | '\u{FF1B}'
        | '\u{FF1F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_matches_std() {
        let s = "a\u{e9}\u{201c}\u{1f600}\0";
        let b = s.as_bytes();
        let mut i = 0;
        for c in s.chars() {
            assert_eq!(decode_at(b, i), (c, c.len_utf8()));
            i += c.len_utf8();
        }
        assert_eq!(prev_start(b, b.len(), 0), Some(b.len() - 1));
        assert_eq!(prev_start(b, 6, 0), Some(3));
        assert_eq!(prev_start(b, 10, 0), Some(6));
        assert_eq!(prev_start(b, 0, 0), None);
    }

    #[test]
    fn decode_never_reads_out_of_bounds() {
        // Truncated sequences and stray continuation bytes (not valid UTF-8, never produced by
        // a `&str`, but the decoder must still not panic).
        for b in [&[0xE2u8][..], &[0xF0, 0x9F], &[0x80], &[0xC3]] {
            let _ = decode_at(b, 0);
        }
    }

    #[test]
    fn classes() {
        assert!(is_space('\u{a0}') && is_space('\u{feff}') && !is_space('\0'));
        assert!(is_word_char('\u{301}') && is_word_char('\u{200d}') && !is_word_char('\u{201c}'));
        assert!(is_alnum('\u{5e9}') && !is_alnum('\u{2019}'));
        assert!(is_punct('\u{2026}') && !is_punct('$'));
    }
}
