//! The tokenizer: one left-to-right pass over the bytes of a range, no regular expressions, no
//! allocation beyond the output vector. Every lookahead is either bounded by a small constant or
//! consumes what it reads, so the pass is linear in the input.

use hearsay_doc::{ByteSpan, QuoteRole, Token, TokenKind};

use crate::chars::{
    char_at, decode_at, is_alnum, is_dash, is_digit, is_extender, is_punct, is_regional_indicator,
    is_space, is_word_char, prev_start,
};
use crate::lexicon;

const RSQUO: &[u8] = "\u{2019}".as_bytes();

/// What follows an apostrophe inside or right after a word.
enum Clitic {
    /// `t` after an `n`: the `n't` of `don't`.
    T,
    /// `s`, `re`, `ve`, `ll`, `d`, `m` (any case): split off with the apostrophe; the length in
    /// bytes of the letters.
    Suffix(usize),
    /// Anything else: the apostrophe is word-internal (`O'Brien`).
    No,
}

/// Tokenizer state: a cache that keeps the domain/e-mail lookahead linear.
pub(crate) struct Tokenizer {
    /// Every domain/e-mail lookahead starting before this byte has failed (it ends here).
    fail_until: usize,
}

impl Tokenizer {
    pub(crate) fn new() -> Self {
        Tokenizer { fail_until: 0 }
    }

    /// Tokenizes `text[lo..hi]` (both char boundaries), appending to `out`. The first token's
    /// `space_before` is true when `lo > 0`: callers pass ranges that start the text or follow
    /// whitespace.
    pub(crate) fn tokenize_range(
        &mut self,
        text: &str,
        lo: usize,
        hi: usize,
        out: &mut Vec<Token>,
    ) {
        let b = text.as_bytes();
        let hi = hi.min(b.len());
        let mut i = lo;
        let mut space = lo > 0;
        let mut last_end = usize::MAX;
        let mut last_kind = TokenKind::Punct;
        while i < hi {
            let b0 = b[i];
            if matches!(b0, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                space = true;
                i += 1;
                continue;
            }
            let (c, l) = decode_at(b, i);
            if b0 >= 0x80 && is_space(c) {
                space = true;
                i += l;
                continue;
            }
            let adj_word =
                last_end == i && matches!(last_kind, TokenKind::Word | TokenKind::Number);
            let (mut end, kind) = self.scan(b, i, hi, c, l, adj_word);
            if end <= i || end > hi {
                // Defensive: every scanner advances and stays in range; never loop forever.
                end = (i + l).min(hi);
            }
            out.push(Token {
                span: ByteSpan::new(i, end),
                kind,
                quote: QuoteRole::None,
                in_quote: false,
                space_before: space,
                sentence: 0,
            });
            last_end = end;
            last_kind = kind;
            space = false;
            i = end;
        }
    }

    /// Scans one token starting at `i` with char `c` of length `l`.
    fn scan(
        &mut self,
        b: &[u8],
        i: usize,
        hi: usize,
        c: char,
        l: usize,
        adj_word: bool,
    ) -> (usize, TokenKind) {
        use TokenKind::*;
        if is_alnum(c) {
            let kind = if is_digit(c) { Number } else { Word };
            let (e, k) = self.scan_word(b, i, hi, c, l, kind);
            return (extend_cluster(b, e, hi, c), k);
        }
        let (end, kind) = match c {
            '\'' | '\u{2019}' | '\u{2018}' => scan_apostrophe(b, i, hi, c, l, adj_word),
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2039}' | '\u{203A}' | '\u{201A}' | '\u{201B}' | '\u{300C}' | '\u{300D}'
            | '\u{300E}' | '\u{300F}' | '\u{FF02}' => (i + l, Quote),
            '`' => {
                if i + 1 < hi && b[i + 1] == b'`' {
                    (i + 2, Quote)
                } else {
                    (i + 1, Quote)
                }
            }
            '.' => {
                if i + 1 < hi && b[i + 1] == b'.' {
                    (run_of(b, i, hi, b'.'), Punct)
                } else if !adj_word && i + 1 < hi && b[i + 1].is_ascii_digit() {
                    self.scan_word(b, i, hi, '.', 1, Number)
                } else {
                    (i + 1, Punct)
                }
            }
            '!' | '?' => {
                let mut e = i + 1;
                while e < hi && matches!(b[e], b'!' | b'?') {
                    e += 1;
                }
                (e, Punct)
            }
            '-' => (run_of(b, i, hi, b'-'), Punct),
            _ if is_dash(c) => {
                let mut e = i + l;
                while e + l <= hi && b[e..e + l] == b[i..i + l] {
                    e += l;
                }
                (e, Punct)
            }
            '@' if i + 1 < hi && (b[i + 1].is_ascii_alphanumeric() || b[i + 1] == b'_') => {
                let mut e = i + 1;
                while e < hi && (b[e].is_ascii_alphanumeric() || b[e] == b'_') {
                    e += 1;
                }
                (e, Word)
            }
            '#' if char_at(b, i + 1, hi).is_some_and(|n| n.is_alphabetic() || n == '_') => {
                let mut e = i + 1;
                while e < hi {
                    let (n, nl) = decode_at(b, e);
                    if !(is_word_char(n) || n == '_') {
                        break;
                    }
                    e += nl;
                }
                (e, Word)
            }
            _ if is_punct(c) => (i + l, Punct),
            _ => (i + l, Symbol),
        };
        (extend_cluster(b, end, hi, c), kind)
    }

    /// Scans a word or number starting at `i0` (first char `c0`, `l0` bytes).
    fn scan_word(
        &mut self,
        b: &[u8],
        i0: usize,
        hi: usize,
        c0: char,
        l0: usize,
        kind: TokenKind,
    ) -> (usize, TokenKind) {
        use TokenKind::*;
        if c0.is_ascii_alphabetic() {
            if let Some(e) = try_url(b, i0, hi) {
                return (e, Word);
            }
        }
        let mut j = i0 + l0;
        let mut prev = c0;
        let mut seg_start = i0;
        let mut acronym = false;
        if c0.is_alphabetic() {
            if let Some(e) = try_acronym(b, i0, hi) {
                // `U.S.-led` continues as a compound; otherwise the acronym is the token.
                let compound = e + 1 < hi && b[e] == b'-' && is_alnum(decode_at(b, e + 1).0);
                if !compound {
                    return (e, Word);
                }
                j = e;
                prev = '.';
                acronym = true;
            }
        }
        let mut has_digit = is_digit(c0);
        while j < hi {
            let (c, l) = decode_at(b, j);
            if is_word_char(c) {
                has_digit |= c.is_ascii_digit();
                prev = c;
                j += l;
                continue;
            }
            let nj = j + l;
            let next = char_at(b, nj, hi);
            let next_alnum = next.is_some_and(is_alnum);
            match c {
                '-' | '\u{2011}' | '\u{00AD}' if next_alnum => {
                    j = nj;
                    seg_start = j;
                    prev = c;
                }
                '.' => {
                    if is_digit(prev) && next.is_some_and(is_digit) {
                        j = nj;
                        prev = c;
                        continue;
                    }
                    if next.is_some_and(|n| n.is_ascii_alphanumeric()) {
                        if let Some(e) = self.try_domain_or_email(b, i0, j, hi) {
                            return (e, Word);
                        }
                    }
                    break;
                }
                ',' | ':' if is_digit(prev) && next.is_some_and(is_digit) => {
                    j = nj;
                    prev = c;
                }
                '/' | '_' if is_alnum(prev) && next_alnum => {
                    j = nj;
                    prev = c;
                }
                '&' if prev.is_uppercase() && next.is_some_and(char::is_uppercase) => {
                    j = nj;
                    prev = c;
                }
                '@' if is_alnum(prev) && next.is_some_and(|n| n.is_ascii_alphanumeric()) => {
                    if let Some(e) = self.try_domain_or_email(b, i0, j, hi) {
                        return (e, Word);
                    }
                    break;
                }
                '\'' | '\u{2019}' | '\u{2018}' if next.is_some_and(char::is_alphabetic) => {
                    match clitic_after(b, nj, hi) {
                        // `don't` -> `do` + `n't`; the token `n't` itself keeps its apostrophe.
                        Clitic::T if (prev == 'n' || prev == 'N') && j - 1 > i0 => {
                            return (j - 1, kind);
                        }
                        Clitic::Suffix(_) => break,
                        _ => {
                            j = nj;
                            prev = c;
                        }
                    }
                }
                _ => break,
            }
        }
        if kind == Word && !acronym {
            // PTB splits these fused forms.
            let w = &b[i0..j];
            if (w.len() == 6 && w.eq_ignore_ascii_case(b"cannot"))
                || (w.len() == 5
                    && (w.eq_ignore_ascii_case(b"gonna")
                        || w.eq_ignore_ascii_case(b"gotta")
                        || w.eq_ignore_ascii_case(b"wanna")))
            {
                return (i0 + 3, Word);
            }
        }
        // An abbreviation or an initial keeps its period (but not the first of an ellipsis).
        if kind == Word && !has_digit && j < hi && b[j] == b'.' && !(j + 1 < hi && b[j + 1] == b'.')
        {
            let seg = std::str::from_utf8(&b[seg_start..j]).unwrap_or("");
            if lexicon::is_initial(seg)
                || (lexicon::is_abbrev(seg)
                    && (!lexicon::needs_digit(seg) || digit_follows(b, j + 1, hi)))
            {
                return (j + 1, Word);
            }
        }
        (j, kind)
    }

    /// At a `.` or `@` (byte `at`) inside a word that started at `s`: is `s..` a bare domain
    /// (`example.com`, `nytimes.com/path`) or an e-mail address? Returns the end of the token.
    fn try_domain_or_email(&mut self, b: &[u8], s: usize, at: usize, hi: usize) -> Option<usize> {
        if at < self.fail_until {
            return None;
        }
        // The maximal run of host/e-mail characters. Scanned once: on failure every later
        // lookahead inside the run fails the same way and is answered from `fail_until`.
        let mut k = at;
        let mut at_pos = None;
        let mut odd = false;
        while k < hi {
            let c = b[k];
            if c.is_ascii_alphanumeric() || c == b'.' || c == b'-' {
                k += 1;
            } else if c == b'_' || c == b'+' || c == b'%' {
                odd = true;
                k += 1;
            } else if c == b'@' && at_pos.is_none() {
                at_pos = Some(k);
                k += 1;
            } else {
                break;
            }
        }
        let mut e = k;
        while e > at && matches!(b[e - 1], b'.' | b'-' | b'_' | b'+' | b'%' | b'@') {
            e -= 1;
        }
        let ok = match at_pos {
            Some(p) if p + 1 < e && p > s => {
                let dom = &b[p + 1..e];
                let last_dot = dom.iter().rposition(|&x| x == b'.');
                let host_ok = dom
                    .iter()
                    .all(|&x| x.is_ascii_alphanumeric() || x == b'.' || x == b'-');
                match last_dot {
                    Some(d) if host_ok && d > 0 && !dom.windows(2).any(|w| w == b"..") => {
                        let tld = &dom[d + 1..];
                        tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)
                    }
                    _ => false,
                }
            }
            Some(_) => false,
            None => {
                let run = &b[at..e];
                !odd && !run.windows(2).any(|w| w == b"..")
                    && run
                        .iter()
                        .rposition(|&x| x == b'.')
                        .is_some_and(|d| lexicon::is_tld(&run[d + 1..]))
            }
        };
        if !ok {
            self.fail_until = k.max(at + 1);
            return None;
        }
        if at_pos.is_none() && e < hi && b[e] == b'/' {
            // A path after a bare domain: up to whitespace, like a URL.
            let mut f = e;
            while f < hi {
                let (c, l) = decode_at(b, f);
                if is_space(c) || is_url_stop(c) {
                    break;
                }
                f += l;
            }
            return Some(trim_url_end(b, e, f));
        }
        Some(e)
    }
}

/// Extends a token over combining marks, joiners and the rest of an emoji sequence.
#[inline]
fn extend_cluster(b: &[u8], mut e: usize, hi: usize, first: char) -> usize {
    let mut ri = is_regional_indicator(first);
    while e < hi {
        let b0 = b[e];
        if b0 < 0x80 {
            break;
        }
        let (c, l) = decode_at(b, e);
        if c == '\u{200D}' {
            e += l;
            if e < hi {
                let (c2, l2) = decode_at(b, e);
                if !is_space(c2) {
                    e += l2;
                }
            }
            continue;
        }
        if is_extender(c) {
            e += l;
            continue;
        }
        if ri && is_regional_indicator(c) {
            ri = false;
            e += l;
            continue;
        }
        break;
    }
    e
}

/// End of a run of the byte `x` starting at `i`.
#[inline]
fn run_of(b: &[u8], i: usize, hi: usize, x: u8) -> usize {
    let mut e = i;
    while e < hi && b[e] == x {
        e += 1;
    }
    e
}

/// Is the char at `k` a letter or digit?
#[inline]
fn alnum_at(b: &[u8], k: usize, hi: usize) -> bool {
    char_at(b, k, hi).is_some_and(is_alnum)
}

/// A digit after at most two spaces (`No. 1`).
fn digit_follows(b: &[u8], mut k: usize, hi: usize) -> bool {
    let mut skipped = 0;
    while k < hi && skipped < 2 && (b[k] == b' ' || b[k] == b'\t') {
        k += 1;
        skipped += 1;
    }
    if k + 1 < hi && b[k] == 0xC2 && b[k + 1] == 0xA0 {
        k += 2;
    }
    k < hi && b[k].is_ascii_digit()
}

/// Classifies the letters after an apostrophe at `k` (bounded lookahead: four letters at most).
fn clitic_after(b: &[u8], k: usize, hi: usize) -> Clitic {
    let mut e = k;
    while e < hi && e - k < 3 && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    if e == k || alnum_at(b, e, hi) {
        return Clitic::No;
    }
    let w = &b[k..e];
    let is = |x: &[u8]| w.eq_ignore_ascii_case(x);
    if is(b"t") {
        Clitic::T
    } else if is(b"s") || is(b"re") || is(b"ve") || is(b"ll") || is(b"d") || is(b"m") {
        Clitic::Suffix(e - k)
    } else {
        Clitic::No
    }
}

/// An apostrophe-like mark at the start of a token: a clitic (`'s` after a word), a possessive
/// apostrophe (`voters'`), a year (`'90s`), `'em`, `'n'`, the PTB closing quote `''`, or a
/// single quotation mark.
fn scan_apostrophe(
    b: &[u8],
    i: usize,
    hi: usize,
    c: char,
    l: usize,
    adj_word: bool,
) -> (usize, TokenKind) {
    use TokenKind::*;
    let n = i + l;
    if c == '\'' && n < hi && b[n] == b'\'' {
        return (n + 1, Quote);
    }
    if adj_word {
        if let Clitic::Suffix(k) = clitic_after(b, n, hi) {
            return (n + k, Word);
        }
        if c != '\u{2018}' && i > 0 && matches!(b[i - 1], b's' | b'S') && !alnum_at(b, n, hi) {
            // The possessive apostrophe of a plural (`voters'`): PTB splits it off like `'s`.
            // Quote pairing may still turn it into a closing single quote.
            return (n, Word);
        }
        return (n, Quote);
    }
    if n + 1 < hi
        && b[n].is_ascii_digit()
        && b[n + 1].is_ascii_digit()
        && !(n + 2 < hi && b[n + 2].is_ascii_digit())
    {
        let mut e = n + 2;
        if e < hi && b[e] == b's' && !alnum_at(b, e + 1, hi) {
            e += 1;
        }
        return (e, Number);
    }
    if c != '\u{2018}' {
        if n + 1 < hi && b[n..n + 2].eq_ignore_ascii_case(b"em") && !alnum_at(b, n + 2, hi) {
            return (n + 2, Word);
        }
        if n < hi && b[n] == b'n' {
            let m = n + 1;
            let close = if m < hi && b[m] == b'\'' {
                Some(m + 1)
            } else if m + 3 <= hi && &b[m..m + 3] == RSQUO {
                Some(m + 3)
            } else {
                None
            };
            if let Some(e) = close {
                if !alnum_at(b, e, hi) {
                    return (e, Word);
                }
            }
        }
    }
    (n, Quote)
}

/// Characters that end a URL even without whitespace.
#[inline]
fn is_url_stop(c: char) -> bool {
    matches!(
        c,
        '"' | '<' | '>' | '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' | '\u{2018}'
    )
}

/// A URL with a scheme or a `www.` prefix, up to whitespace, minus trailing punctuation.
fn try_url(b: &[u8], i0: usize, hi: usize) -> Option<usize> {
    let rest = &b[i0..hi];
    let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    let plen = if starts(b"https://") {
        8
    } else if starts(b"http://") {
        7
    } else if starts(b"ftp://") {
        6
    } else if starts(b"www.") && rest[4].is_ascii_alphanumeric() {
        4
    } else {
        return None;
    };
    let mut e = i0 + plen;
    // Something must follow the prefix (the same answer whatever text comes after `hi`).
    let (c, _) = decode_at(b, e);
    if is_space(c) || is_url_stop(c) {
        return None;
    }
    while e < hi {
        let (c, l) = decode_at(b, e);
        if is_space(c) || is_url_stop(c) {
            break;
        }
        e += l;
    }
    Some(trim_url_end(b, i0 + plen, e).max(i0 + plen))
}

/// Drops trailing punctuation from a URL ending at `e`, keeping at least `min` bytes. A closing
/// parenthesis stays when the URL has a matching opening one (Wikipedia links).
fn trim_url_end(b: &[u8], min: usize, mut e: usize) -> usize {
    let opens = b[min..e].iter().filter(|&&x| x == b'(').count();
    let mut closes = b[min..e].iter().filter(|&&x| x == b')').count();
    while let Some(s) = prev_start(b, e, min) {
        let (c, _) = decode_at(b, s);
        let trim = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | ']' | '}' => true,
            '\u{2019}' | '\u{2026}' => true,
            ')' => closes > opens,
            _ => false,
        };
        if !trim {
            break;
        }
        if c == ')' {
            closes -= 1;
        }
        e = s;
    }
    e
}

/// Dotted acronyms with single-letter parts (`U.S.`, `a.m.`, `D.C.`, `e.g.`) and `Ph.D.`;
/// at least two letter-period pairs. Consumes only what matches.
fn try_acronym(b: &[u8], i0: usize, hi: usize) -> Option<usize> {
    if b[i0..hi].starts_with(b"Ph.D.") {
        return Some(i0 + 5);
    }
    let mut j = i0;
    let mut pairs = 0;
    while j < hi {
        let (c, l) = decode_at(b, j);
        if !c.is_alphabetic() || j + l >= hi || b[j + l] != b'.' {
            break;
        }
        pairs += 1;
        j += l + 1;
    }
    if pairs >= 2 {
        Some(j)
    } else {
        None
    }
}
