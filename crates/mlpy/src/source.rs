//! A named source text: UTF-8 validation with the byte offset of the first bad byte (D18), and
//! byte offset → 1-based line and column (columns count Unicode scalar values, language.md §1.1).
//!
//! Invariant: `text` is valid UTF-8 with a leading byte-order mark removed; offsets given to
//! [`Source::line_col`] are offsets into `text`.

use std::sync::Arc;

/// A source file as the engine sees it.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: Arc<str>,
    pub text: Arc<str>,
    /// Byte offset where each line starts (LF, CR LF and CR end lines).
    line_starts: Arc<[usize]>,
}

/// The input was not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidUtf8 {
    pub offset: usize,
}

impl Source {
    pub fn new(name: impl Into<Arc<str>>, text: &str) -> Source {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Source {
            name: name.into(),
            text: text.into(),
            line_starts: line_starts.into(),
        }
    }

    /// Validates bytes as UTF-8 (D18): the error names the offset of the first bad byte.
    pub fn from_bytes(name: impl Into<Arc<str>>, bytes: &[u8]) -> Result<Source, InvalidUtf8> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(e) => Err(InvalidUtf8 {
                offset: e.valid_up_to(),
            }),
        }
    }

    /// Reads a file: I/O failures and invalid UTF-8 become [`crate::Error`]s.
    pub fn read(path: &std::path::Path) -> Result<Source, crate::Error> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| crate::Error::Io {
            name: name.clone(),
            message: e.to_string(),
        })?;
        Source::from_bytes(name.clone(), &bytes).map_err(|e| crate::Error::InvalidUtf8 {
            name,
            offset: e.offset,
        })
    }

    /// 0-based line index containing `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of a 0-based line, without its terminator.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[start..end];
        let trimmed = content.trim_end_matches(['\n', '\r']);
        start..start + trimmed.len()
    }

    /// 1-based (line, column) of a byte offset; columns count Unicode scalar values.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values_and_all_line_terminators() {
        let src = Source::new("t.ml", "ab\r\né€x\ry\nz");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(4), (2, 1));
        let x = src.text.find('x').unwrap();
        assert_eq!(src.line_col(x), (2, 3));
        let y = src.text.find('y').unwrap();
        assert_eq!(src.line_col(y), (3, 1));
        let z = src.text.find('z').unwrap();
        assert_eq!(src.line_col(z), (4, 1));
        assert_eq!(&src.text[src.line_range(1)], "é€x");
    }

    #[test]
    fn bad_utf8_names_the_offset_and_bom_is_dropped() {
        assert_eq!(
            Source::from_bytes("f", b"ab\xffcd").unwrap_err(),
            InvalidUtf8 { offset: 2 }
        );
        assert_eq!(
            &*Source::from_bytes("f", "\u{feff}x".as_bytes())
                .unwrap()
                .text,
            "x"
        );
    }
}
