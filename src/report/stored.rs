//! The summary index as bytes, so that it can be kept in `.behov/` between runs: `behov
//! summary` then reads one compact file and the interview files that changed, instead of a
//! million answers of JSON. Flat little-endian records, a format number up front and a
//! checksum at the end; anything that does not read back exactly is `None`, and the caller
//! builds the index anew.

use jiff::Timestamp;
use jiff::civil::Date;

use super::index::{AnswerRow, CodingRow, Index, ParticipantRow, Row};
use crate::model::{Gender, Status};

/// The start of the file; the number after it changes whenever the layout does.
const MAGIC: &[u8] = b"behov summary index\n";
const FORMAT: u32 = 4;

impl Index {
    /// The index with `stamps` (one per row: the stamp of the file version it was made from)
    /// as bytes for [`Index::from_bytes`].
    pub fn to_bytes(&self, stamps: &[u64]) -> Vec<u8> {
        let mut out = Out(Vec::with_capacity(64 + self.rows.len() * 512));
        out.0.extend_from_slice(MAGIC);
        out.u32(FORMAT);
        let start = out.0.len();
        for list in [
            &self.codes,
            &self.questions,
            &self.respondents,
            &self.coders,
            &self.interviewers,
        ] {
            out.len(list.len());
            for text in list {
                out.str(text);
            }
        }
        out.len(self.rows.len());
        for (row, &stamp) in self.rows.iter().zip(stamps) {
            out.str(&row.id);
            out.u64(stamp);
            out.u64(row.modified.as_second() as u64);
            out.u32(row.modified.subsec_nanosecond() as u32);
            out.0.push(match row.status {
                Status::Draft => 0,
                Status::Complete => 1,
            });
            out.u16(row.date.year() as u16);
            out.0.push(row.date.month() as u8);
            out.0.push(row.date.day() as u8);
            out.u16(row.interviewer);
            out.0.push(row.consent);
            out.len(row.respondents.len());
            for &r in &row.respondents {
                out.u32(r);
            }
            out.len(row.answers.len());
            for a in &row.answers {
                out.u16(a.question);
                out.0.push(a.scale.map_or(u8::MAX, |v| v.min(u8::MAX - 1)));
                out.0.push(u8::from(a.answered));
            }
            out.len(row.codings.len());
            for c in &row.codings {
                out.u32(c.answer);
                out.u32(c.coding);
                out.u16(c.code);
                out.u16(c.coder);
                out.u32(c.length);
                out.0.push(u8::from(c.span));
            }
            out.str(&row.round);
            out.len(row.participants.len());
            for p in &row.participants {
                out.str(&p.name);
                out.str(&p.role);
                out.0.push(match p.gender {
                    None => 0,
                    Some(Gender::Woman) => 1,
                    Some(Gender::Man) => 2,
                    Some(Gender::Other) => 3,
                });
            }
        }
        let sum = crc32fast::hash(&out.0[start..]);
        out.u32(sum);
        out.0
    }

    /// The index and stamps written by [`Index::to_bytes`]; `None` when the bytes are of
    /// another format (an older or newer behov), cut short or damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<(Index, Vec<u64>)> {
        let body = bytes.strip_prefix(MAGIC)?;
        let mut input = In(body);
        if input.u32()? != FORMAT {
            return None;
        }
        let payload = input.0.get(..input.0.len().checked_sub(4)?)?;
        let sum = In(&input.0[payload.len()..]).u32()?;
        if crc32fast::hash(payload) != sum {
            return None;
        }
        let mut input = In(payload);
        let mut lists: [Vec<String>; 5] = Default::default();
        for list in &mut lists {
            let n = input.len()?;
            *list = (0..n).map(|_| input.str()).collect::<Option<_>>()?;
        }
        let rows = input.len()?;
        let mut stamps = Vec::with_capacity(rows);
        let mut out = Vec::with_capacity(rows);
        for _ in 0..rows {
            let id = input.str()?;
            stamps.push(input.u64()?);
            let modified = Timestamp::new(input.u64()? as i64, input.u32()? as i32).ok()?;
            let status = match input.u8()? {
                0 => Status::Draft,
                1 => Status::Complete,
                _ => return None,
            };
            let date = Date::new(input.u16()? as i16, input.u8()? as i8, input.u8()? as i8).ok()?;
            let interviewer = input.u16()?;
            let consent = input.u8()?;
            let respondents = input.many(In::u32)?;
            let answers = input.many(|input| {
                let question = input.u16()?;
                let scale = input.u8()?;
                let answered = input.u8()? != 0;
                Some(AnswerRow {
                    question,
                    scale: (scale != u8::MAX).then_some(scale),
                    answered,
                })
            })?;
            let codings = input.many(|input| {
                Some(CodingRow {
                    answer: input.u32()?,
                    coding: input.u32()?,
                    code: input.u16()?,
                    coder: input.u16()?,
                    length: input.u32()?,
                    span: input.u8()? != 0,
                })
            })?;
            let round = input.str()?;
            let participants = input.many(|input| {
                let name = input.str()?;
                let role = input.str()?;
                let gender = match input.u8()? {
                    0 => None,
                    1 => Some(Gender::Woman),
                    2 => Some(Gender::Man),
                    3 => Some(Gender::Other),
                    _ => return None,
                };
                Some(ParticipantRow { name, role, gender })
            })?;
            out.push(Row {
                id,
                modified,
                status,
                date,
                interviewer,
                consent,
                respondents,
                answers,
                codings,
                round,
                participants,
            });
        }
        if !input.0.is_empty() {
            return None;
        }
        let [codes, questions, respondents, coders, interviewers] = lists;
        if out
            .iter()
            .any(|row| usize::from(row.interviewer) >= interviewers.len())
        {
            return None;
        }
        let index = Index {
            codes,
            questions,
            respondents,
            coders,
            interviewers,
            rows: out,
        };
        Some((index, stamps))
    }
}

struct Out(Vec<u8>);

impl Out {
    fn u16(&mut self, n: u16) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn str(&mut self, text: &str) {
        self.len(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }
}

struct In<'a>(&'a [u8]);

impl In<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    /// A count, refused when it could not fit in what is left (damage, not a huge project).
    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.0.len()).then_some(n)
    }

    /// A counted list, its room taken at once (the interface's first frame reads 10,000
    /// rows of them).
    fn many<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }

    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        let (text, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8(text.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;
    use crate::synth::Synth;

    fn project() -> Project {
        let mut synth = Synth::new(3);
        let mut project = synth.project(4);
        project.interviews = (1..=7).map(|n| synth.interview(n, 4)).collect();
        project
    }

    #[test]
    fn bytes_read_back_as_the_same_index() {
        let mut project = project();
        project.interviews[1].round = Some("r2".into());
        project.interviews[2].participants = vec![
            crate::model::Participant {
                name: "Åsa Lindén".into(),
                role: "vd".into(),
                gender: Some(Gender::Woman),
            },
            crate::model::Participant {
                name: "Kim".into(),
                ..Default::default()
            },
        ];
        let index = Index::new(&project);
        let stamps: Vec<u64> = (0..index.rows.len() as u64).map(|n| n * 7 + 1).collect();
        let bytes = index.to_bytes(&stamps);
        let (back, back_stamps) = Index::from_bytes(&bytes).expect("reads back");
        assert_eq!(back, index);
        assert_eq!(back_stamps, stamps);
    }

    #[test]
    fn damaged_short_or_other_format_bytes_are_refused() {
        let project = project();
        let index = Index::new(&project);
        let stamps = vec![1; index.rows.len()];
        let bytes = index.to_bytes(&stamps);
        let mut flipped = bytes.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x40;
        assert!(Index::from_bytes(&flipped).is_none());
        assert!(Index::from_bytes(&bytes[..bytes.len() - 9]).is_none());
        let mut newer = bytes.clone();
        newer[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        assert!(Index::from_bytes(&newer).is_none());
        assert!(Index::from_bytes(b"").is_none());
    }
}
