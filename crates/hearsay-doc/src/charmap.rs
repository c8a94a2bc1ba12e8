//! Byte offset -> Unicode code-point offset conversion, built once per document.

/// Converts byte offsets into code-point offsets in O(1) per lookup after one pass.
///
/// Stores the code-point count at the start of every 64-byte block (4 bytes per 64 bytes of
/// text), then counts within the block. ASCII-only texts take a fast path.
pub struct CharMap<'a> {
    text: &'a str,
    ascii: bool,
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

impl<'a> CharMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut blocks = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            blocks.reserve(bytes.len() / BLOCK + 1);
            let mut count = 0u32;
            for chunk in bytes.chunks(BLOCK) {
                blocks.push(count);
                count += chunk.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32;
            }
            blocks.push(count);
        }
        CharMap {
            text,
            ascii,
            blocks,
        }
    }

    /// Code-point offset of byte offset `byte` (which must be on a char boundary or the end).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / BLOCK;
        let base = self.blocks[block] as usize;
        let from = block * BLOCK;
        base + self.text.as_bytes()[from..byte]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices_everywhere() {
        let text = "Varnik said “no” — «non» 😀 é".repeat(20);
        let map = CharMap::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(bi), ci, "byte {bi}");
        }
        assert_eq!(map.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let map = CharMap::new("plain ascii");
        assert_eq!(map.char_offset(5), 5);
        assert_eq!(map.char_offset(11), 11);
    }
}
