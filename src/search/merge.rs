//! When to merge segments. Every commit adds a segment; without merging, a day of editing
//! would leave hundreds. Segments are grouped in size levels (each level eight times the
//! one below); as soon as a level holds `FAN_IN` segments they are merged into one of the
//! next level. The number of segments stays below `FAN_IN` per level, a handful in all,
//! and small merges (the common case) take milliseconds.

use tantivy::index::SegmentId;

const FAN_IN: usize = 8;
/// Segments below this many documents are all level 0.
const BASE_DOCS: u32 = 256;

fn level(docs: u32) -> u32 {
    let mut level = 0;
    let mut bound = BASE_DOCS;
    while docs >= bound {
        level += 1;
        bound = bound.saturating_mul(FAN_IN as u32);
        if bound == u32::MAX {
            break;
        }
    }
    level
}

/// The segments to merge next, given (id, documents including deleted ones) per segment.
pub fn plan(segments: &[(SegmentId, u32)]) -> Option<Vec<SegmentId>> {
    let mut levels: Vec<(u32, SegmentId)> = segments
        .iter()
        .map(|(id, docs)| (level(*docs), *id))
        .collect();
    levels.sort_by_key(|(l, _)| *l);
    levels
        .chunk_by(|a, b| a.0 == b.0)
        .find(|group| group.len() >= FAN_IN)
        .map(|group| group.iter().map(|(_, id)| *id).collect())
}

/// Documents up to which a rebuild ends in one segment (at about 500 bytes of index each,
/// a merge then maps at most a quarter of a gigabyte).
pub const ONE_SEGMENT_DOCS: u64 = 500_000;

/// How a rebuild merges its segments at the end: into one when they hold up to
/// [`ONE_SEGMENT_DOCS`] documents, else into `parts` groups of about the same number of
/// documents (one per indexing thread), each merged into one segment: a merge maps the
/// segments it reads, so each then holds a part of the index rather than all of it. Groups of
/// one segment are left out (there is nothing to merge).
pub fn final_groups(segments: &[(SegmentId, u32)], parts: usize) -> Vec<Vec<SegmentId>> {
    let total: u64 = segments.iter().map(|(_, docs)| u64::from(*docs)).sum();
    let parts = if total <= ONE_SEGMENT_DOCS { 1 } else { parts };
    let mut by_size: Vec<&(SegmentId, u32)> = segments.iter().collect();
    by_size.sort_by_key(|(_, docs)| std::cmp::Reverse(*docs));
    let mut groups: Vec<(u64, Vec<SegmentId>)> = vec![(0, Vec::new()); parts.max(1)];
    for (id, docs) in by_size {
        // The largest segment left goes to the group with the fewest documents so far.
        if let Some(smallest) = groups.iter_mut().min_by_key(|(total, _)| *total) {
            smallest.0 += u64::from(*docs);
            smallest.1.push(*id);
        }
    }
    groups
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| ids.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_grow_by_the_fan_in() {
        assert_eq!(level(0), 0);
        assert_eq!(level(255), 0);
        assert_eq!(level(256), 1);
        assert_eq!(level(2047), 1);
        assert_eq!(level(2048), 2);
        assert!(level(u32::MAX) < 12);
    }

    #[test]
    fn merges_a_full_level_only() {
        let ids: Vec<SegmentId> = (0..10).map(|_| SegmentId::generate_random()).collect();
        let seven: Vec<(SegmentId, u32)> = ids[..7].iter().map(|id| (*id, 30)).collect();
        assert_eq!(plan(&seven), None);
        let mut mixed = seven.clone();
        mixed.push((ids[7], 100_000));
        mixed.push((ids[8], 5_000));
        assert_eq!(plan(&mixed), None);
        mixed.push((ids[9], 1));
        let chosen = plan(&mixed).unwrap();
        assert_eq!(chosen.len(), 8);
        assert!(!chosen.contains(&ids[7]) && !chosen.contains(&ids[8]));
    }

    #[test]
    fn a_thousand_commits_leave_few_segments() {
        // Simulate: each commit adds a 26-document segment; merging keeps the live documents.
        let mut segments: Vec<(SegmentId, u32)> = Vec::new();
        for _ in 0..1000 {
            segments.push((SegmentId::generate_random(), 26));
            while let Some(chosen) = plan(&segments) {
                let docs = segments
                    .iter()
                    .filter(|(id, _)| chosen.contains(id))
                    .map(|(_, d)| d)
                    .sum();
                segments.retain(|(id, _)| !chosen.contains(id));
                segments.push((SegmentId::generate_random(), docs));
            }
        }
        assert!(segments.len() <= 16, "{} segments", segments.len());
    }

    #[test]
    fn final_groups_balance_documents_and_skip_single_segments() {
        let ids: Vec<SegmentId> = (0..7).map(|_| SegmentId::generate_random()).collect();
        let sizes: Vec<(SegmentId, u32)> = ids
            .iter()
            .zip([100, 90, 80, 70, 60, 50, 40])
            .map(|(id, docs)| (*id, docs * 10_000))
            .collect();
        let groups = final_groups(&sizes, 2);
        assert_eq!(groups.len(), 2);
        let docs = |group: &Vec<SegmentId>| -> u32 {
            group
                .iter()
                .map(|id| sizes.iter().find(|(s, _)| s == id).unwrap().1)
                .sum()
        };
        let (a, b) = (docs(&groups[0]), docs(&groups[1]));
        assert_eq!(a + b, 4_900_000);
        assert!(a.abs_diff(b) <= 400_000, "{a} against {b}");
        let mut all: Vec<SegmentId> = groups.concat();
        all.sort();
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(all, expected);

        assert!(final_groups(&sizes[..2], 2).is_empty());
        assert!(final_groups(&[], 2).is_empty());
        assert_eq!(final_groups(&sizes[..3], 1).len(), 1);
        assert_eq!(final_groups(&sizes[..3], 0).len(), 1);
    }

    #[test]
    fn a_small_index_ends_in_one_segment() {
        let sizes: Vec<(SegmentId, u32)> = (0..4)
            .map(|_| (SegmentId::generate_random(), 50_000))
            .collect();
        let groups = final_groups(&sizes, 2);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 4);
    }
}
