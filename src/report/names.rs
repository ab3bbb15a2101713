//! How respondents are named in output: their organisation name, or a pseudonym.

use std::borrow::Cow;
use std::hash::Hasher;

use super::lookup::Fnv;
use crate::model::Project;

/// Display names of respondents, by position in `project.respondents`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names<'p> {
    project: &'p Project,
    /// Pseudonym numbers, when respondents go by pseudonym.
    numbers: Option<Vec<usize>>,
}

impl<'p> Names<'p> {
    pub fn new(project: &'p Project, pseudonyms: bool) -> Names<'p> {
        Names {
            project,
            numbers: pseudonyms.then(|| pseudonym_numbers(project)),
        }
    }

    pub fn get(&self, respondent: usize) -> Cow<'p, str> {
        match &self.numbers {
            Some(numbers) => Cow::Owned(format!("Organisation {}", numbers[respondent])),
            None => Cow::Borrowed(&self.project.respondents[respondent].name),
        }
    }

    /// The names of several respondents, as one attribution.
    pub fn join(&self, respondents: &[usize]) -> String {
        respondents
            .iter()
            .map(|&r| self.get(r))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Each respondent's pseudonym number, 1-based. The numbering follows a hash of the
/// respondent's id, not the list order, because list order (often alphabetical, or the order
/// of booking) would let a reader of the report undo the pseudonyms. It depends only on the
/// ids, so filters never renumber and "Organisation 7" is the same in every export.
pub fn pseudonym_numbers(project: &Project) -> Vec<usize> {
    let key = |id: &str| {
        let mut h = Fnv::default();
        h.write(id.as_bytes());
        // SplitMix64's finaliser: spreads FNV's similar hashes of similar ids.
        let mut z = h.finish();
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..project.respondents.len()).collect();
    order.sort_by_cached_key(|&i| {
        (
            key(&project.respondents[i].id),
            project.respondents[i].id.clone(),
        )
    });
    let mut numbers = vec![0; order.len()];
    for (n, i) in order.into_iter().enumerate() {
        numbers[i] = n + 1;
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Respondent;
    use crate::store::defaults;

    fn project(ids: &[&str]) -> Project {
        let mut p = defaults::project("t");
        p.respondents = ids
            .iter()
            .map(|id| Respondent {
                id: id.to_string(),
                name: format!("Org {id}"),
                attributes: Default::default(),
                people: Vec::new(),
            })
            .collect();
        p
    }

    #[test]
    fn pseudonyms_are_a_permutation_independent_of_list_order() {
        let a = project(&["r001", "r002", "r003", "r004", "r005"]);
        let b = project(&["r005", "r004", "r003", "r002", "r001"]);
        let na = pseudonym_numbers(&a);
        let nb = pseudonym_numbers(&b);
        let mut sorted = na.clone();
        sorted.sort();
        assert_eq!(sorted, [1, 2, 3, 4, 5]);
        for (i, r) in a.respondents.iter().enumerate() {
            let j = b.respondents.iter().position(|x| x.id == r.id).unwrap();
            assert_eq!(na[i], nb[j], "{}", r.id);
        }
        assert_ne!(na, [1, 2, 3, 4, 5], "list order is not the numbering");
        assert_eq!(
            Names::new(&a, true).get(0),
            format!("Organisation {}", na[0])
        );
        assert_eq!(Names::new(&a, false).join(&[0, 2]), "Org r001, Org r003");
    }
}
