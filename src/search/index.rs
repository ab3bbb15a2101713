//! The index on disk: open or rebuild it, keep it in step with the interviews, merge its
//! segments. The index is derived data: whenever it cannot be trusted it is rebuilt from the
//! project, never repaired.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tantivy::indexer::NoMergePolicy;
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TERMINATED, TantivyError, Term,
};

use crate::model::{Interview, Project};
use crate::store::{self, LOCAL_DIR, interview_file};

use super::analyzer::{self, FxBuild, Stream, SwedishTokenizer};
use super::catalog::{Catalog, Fnv};
use super::document::documents;
use super::error::{Error, Result};
use super::fresh::{self, Fresh};
use super::handle::SearchHandle;
use super::merge;
use super::schema::{self, Fields, KIND_STATE, SCHEMA_VERSION};

/// The index folder inside `.behov`.
pub const INDEX_DIR: &str = "index";
/// Written last by a rebuild: an index folder without it (or with another version) is rebuilt.
const VERSION_FILE: &str = "behov-index-version";
/// The version of the index (meta.json's stamp) whose files last passed their checksums.
const CHECKED_FILE: &str = "behov-index-checked";

/// Memory for the long-lived writer of interactive edits (tantivy's minimum is 15 MB).
const EDIT_MEMORY: usize = 20_000_000;
/// Memory per thread for a rebuild: larger buffers give fewer segments to merge afterwards,
/// smaller ones a lower peak. Larger buffers do not index faster (measured from 16 to 120 MB):
/// the time goes to looking terms up in tantivy's table, whatever its size. With two threads
/// a national project builds in about 250 MB, plus the segments the final merge reads.
const BULK_MEMORY_PER_THREAD: usize = 64_000_000;

pub fn index_dir(root: &Path) -> PathBuf {
    root.join(LOCAL_DIR).join(INDEX_DIR)
}

/// Whether this process may write the index: it holds the project's lock (`Store::open` gave
/// a writable store), or another process does and keeps the index up to date itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Write,
    ReadOnly,
}

/// How far a rebuild has come, for a progress indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Why the index was rebuilt when the project opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebuildReason {
    Missing,
    /// Damaged files, or files tantivy cannot read; the detail is for logs.
    Damaged(String),
    /// Made by another version of behov (or of its schema or analysis).
    OtherVersion,
    Requested,
}

/// What opening the index did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpenReport {
    pub rebuilt: Option<RebuildReason>,
    /// Interviews whose files changed outside behov and were indexed again.
    pub refreshed: usize,
    /// Interviews gone from the project and removed from the index.
    pub removed: usize,
    /// Read-only: interviews changed since the index was last updated, searched as indexed.
    pub stale: usize,
    pub read_only: bool,
    /// Read-only and the index on disk was unusable: a temporary index in memory is searched.
    pub in_memory: bool,
}

/// What an index lacks beside the interview files on disk ([`SearchIndex::stale`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stale {
    /// Interviews whose file was changed, added or deleted since it was indexed.
    pub interviews: Vec<String>,
    /// Respondents, attributes or the codebook changed since: every interview is due.
    pub project: bool,
}

/// The interview files in a project folder and their stamps, as the index records them.
pub struct OnDisk {
    /// Where the ids came from: the folder listed now (with its stamp from before, when
    /// settled), or a kept record whose listing still holds.
    source: Listing,
    /// The stamp number of each file, in the order of the ids.
    stamps: Vec<u64>,
}

enum Listing {
    Listed {
        ids: Vec<String>,
        folder: Option<u64>,
    },
    Kept(Fresh),
}

impl OnDisk {
    /// The fingerprint of the catalog of the project files with the stamps `project`, as
    /// the last search that made it kept it.
    pub fn kept_fingerprint(&self, project: (u64, u64)) -> Option<u64> {
        match &self.source {
            Listing::Kept(kept) if kept.head.project == project => Some(kept.head.fingerprint),
            _ => None,
        }
    }

    fn ids(&self) -> Vec<&str> {
        match &self.source {
            Listing::Listed { ids, .. } => ids.iter().map(String::as_str).collect(),
            Listing::Kept(kept) => kept.ids(),
        }
    }

    /// One directory listing and one `stat` per interview file; no file is read.
    pub fn read(root: &Path) -> Result<OnDisk> {
        let folder = fresh::settled_folder(root);
        let ids = store::interview_ids(root)?;
        let stamps = store::stamps_of(root, &ids, |s| s.map_or(0, |s| stamp_number(&s)));
        Ok(OnDisk {
            source: Listing::Listed { ids, folder },
            stamps,
        })
    }

    /// As [`OnDisk::read`], but the listing is taken from the record the last search kept
    /// when the folder has not changed since (see `fresh`): one `stat` per file and no more.
    pub fn read_kept(root: &Path) -> Result<OnDisk> {
        let Some(kept) = Fresh::load(root).filter(|k| Some(k.head.folder) == fresh::folder(root))
        else {
            return OnDisk::read(root);
        };
        let stamps = store::stamps_of(root, &kept.ids(), |s| s.map_or(0, |s| stamp_number(&s)));
        Ok(OnDisk {
            source: Listing::Kept(kept),
            stamps,
        })
    }
}

/// The search index of one project: one long-lived writer, batched commits, explicit reader
/// reloads. See the module documentation of `search` for how the interface uses it.
pub struct SearchIndex {
    root: PathBuf,
    index: Index,
    writer: Option<IndexWriter>,
    handle: SearchHandle,
    catalog: Arc<Catalog>,
    pending: bool,
}

enum Unusable {
    Missing,
    OtherVersion,
    Damaged(String),
}

impl From<Unusable> for RebuildReason {
    fn from(u: Unusable) -> Self {
        match u {
            Unusable::Missing => RebuildReason::Missing,
            Unusable::OtherVersion => RebuildReason::OtherVersion,
            Unusable::Damaged(detail) => RebuildReason::Damaged(detail),
        }
    }
}

impl SearchIndex {
    /// Opens the index of the project at `root`, rebuilding it if it is missing, damaged or
    /// of another version, and indexing interviews whose files changed since it was written.
    /// `progress` is called while a rebuild or a large refresh runs.
    pub fn open(
        root: &Path,
        project: &Project,
        access: Access,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, OpenReport)> {
        let catalog = Arc::new(Catalog::new(project));
        let dir = index_dir(root);
        let existing = open_existing(&dir);
        if access == Access::Write {
            let reason = match existing {
                Ok(index) => match edit_writer(&index) {
                    Ok(writer) => {
                        let mut this = SearchIndex::assemble(root, index, Some(writer), catalog)?;
                        let mut report = this.sync(project, progress)?;
                        report.rebuilt = None;
                        return Ok((this, report));
                    }
                    // Another process writes this index although we hold the project: search
                    // what it has rather than fight over it.
                    Err(TantivyError::LockFailure(..)) => {
                        return Self::open_read_only(root, project, catalog, Ok(index), progress);
                    }
                    Err(e) => RebuildReason::Damaged(e.to_string()),
                },
                Err(unusable) => unusable.into(),
            };
            let (mut this, _) =
                SearchIndex::rebuild_at(root, Source::Project(project), catalog, progress)?;
            this.pending = false;
            let report = OpenReport {
                rebuilt: Some(reason),
                ..OpenReport::default()
            };
            return Ok((this, report));
        }
        Self::open_read_only(root, project, catalog, existing, progress)
    }

    fn open_read_only(
        root: &Path,
        project: &Project,
        catalog: Arc<Catalog>,
        existing: std::result::Result<Index, Unusable>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, OpenReport)> {
        match existing {
            Ok(index) => {
                let this = SearchIndex::assemble(root, index, None, catalog)?;
                let stale = this.changed(project)?.len();
                Ok((
                    this,
                    OpenReport {
                        stale,
                        read_only: true,
                        ..OpenReport::default()
                    },
                ))
            }
            Err(_) => {
                let index = new_index(None)?;
                fill(&index, root, Source::Project(project), &catalog, progress)?;
                let this = SearchIndex::assemble(root, index, None, catalog)?;
                Ok((
                    this,
                    OpenReport {
                        read_only: true,
                        in_memory: true,
                        ..OpenReport::default()
                    },
                ))
            }
        }
    }

    /// Opens the index at `root` for searching only, without the interviews: `project` may be
    /// an outline (`store::load_outline`), since hits, snippets and codes come from the
    /// index's stored fields. No writer, no merge threads. `None` when the index is missing,
    /// damaged or of another version. See [`SearchIndex::stale`] for what it lacks.
    pub fn open_outline(root: &Path, project: &Project) -> Result<Option<SearchIndex>> {
        SearchIndex::open_catalog(root, Arc::new(Catalog::new(project)))
    }

    /// [`SearchIndex::open_outline`] with the catalog made already (`Catalog::of_thin`).
    pub fn open_catalog(root: &Path, catalog: Arc<Catalog>) -> Result<Option<SearchIndex>> {
        match open_existing(&index_dir(root)) {
            Ok(index) => Ok(Some(SearchIndex::assemble(root, index, None, catalog)?)),
            Err(_) => Ok(None),
        }
    }

    /// What the index lacks beside the interview files on disk: one `stat` per file and the
    /// index's own record of each file's stamp; no interview is read.
    pub fn stale(&self) -> Result<Stale> {
        self.stale_against(&OnDisk::read(&self.root)?)
    }

    /// [`SearchIndex::stale`] against stamps read already, perhaps on another thread while
    /// the index opened.
    pub fn stale_against(&self, disk: &OnDisk) -> Result<Stale> {
        let project = self.indexed_fingerprint() != Some(self.catalog.fingerprint());
        // A kept record made at this very commit tells what the index holds of each file.
        let ids = disk.ids();
        if let Listing::Kept(kept) = &disk.source
            && Some(kept.head.meta) == fresh::meta_hash(&self.root)
        {
            let interviews = ids
                .iter()
                .zip(disk.stamps.iter().zip(&kept.stamps))
                .filter(|(_, (now, then))| now != then)
                .map(|(id, _)| id.to_string())
                .collect();
            return Ok(Stale {
                interviews,
                project,
            });
        }
        let indexed = self.indexed()?;
        let present: HashSet<&str, FxBuild> = ids.iter().copied().collect();
        let mut interviews: Vec<String> = ids
            .iter()
            .zip(&disk.stamps)
            .filter(|(id, stamp)| indexed.get(**id) != Some(*stamp))
            .map(|(id, _)| id.to_string())
            .collect();
        interviews.extend(
            indexed
                .keys()
                .filter(|id| !present.contains(id.as_str()))
                .cloned(),
        );
        Ok(Stale {
            interviews,
            project,
        })
    }

    /// Records that the index was found up to date with `disk`, so that the next search can
    /// skip listing the folder and reading the index's record of every file (see `fresh`).
    /// Only a listing of a settled folder is recorded, and only when `stale` found nothing.
    pub fn keep_fresh(&self, disk: &OnDisk, stale: &Stale, project: (u64, u64)) {
        let Listing::Listed {
            ids,
            folder: Some(folder),
        } = &disk.source
        else {
            return;
        };
        if !stale.interviews.is_empty() || stale.project {
            return;
        }
        if let Some(meta) = fresh::meta_hash(&self.root) {
            let head = fresh::Head {
                meta,
                folder: *folder,
                project,
                fingerprint: self.catalog.fingerprint(),
            };
            fresh::save(&self.root, head, ids, &disk.stamps);
        }
    }

    /// Opens the existing index without the interviews in memory (`project` is the outline):
    /// with `Access::Write` the interviews whose files changed are indexed again from their
    /// files alone, and the writer is kept for later edits. `None` when only the whole
    /// project will do: the index is missing, damaged or of another version, or the
    /// respondents or codebook changed since (then [`SearchIndex::open`] with the project).
    pub fn open_files(
        root: &Path,
        project: &Project,
        access: Access,
    ) -> Result<Option<(SearchIndex, OpenReport)>> {
        let Some(mut this) = SearchIndex::open_outline(root, project)? else {
            return Ok(None);
        };
        let stale = this.stale()?;
        if stale.project {
            return Ok(None);
        }
        let read_only = OpenReport {
            stale: stale.interviews.len(),
            read_only: true,
            ..OpenReport::default()
        };
        if access == Access::ReadOnly {
            return Ok(Some((this, read_only)));
        }
        match edit_writer(&this.index) {
            Ok(writer) => this.writer = Some(writer),
            // Another process writes this index: search what it has.
            Err(TantivyError::LockFailure(..)) => return Ok(Some((this, read_only))),
            Err(_) => return Ok(None),
        }
        let report = this.stage_files(&stale.interviews)?;
        this.commit()?;
        Ok(Some((this, report)))
    }

    /// Stages the interviews `ids` again from their files alone; one whose file is gone or
    /// cannot be read leaves the index, as when the whole project is read.
    fn stage_files(&mut self, ids: &[String]) -> Result<OpenReport> {
        let indexed = self.indexed()?;
        let mut report = OpenReport::default();
        for id in ids {
            match store::read_interview(&self.root, id) {
                Ok(Some(interview)) => {
                    let stamp = file_stamp(&self.root, id);
                    self.stage(&interview, stamp)?;
                    report.refreshed += 1;
                }
                Ok(None) | Err(_) if indexed.contains_key(id) => {
                    self.remove_interview(id)?;
                    report.removed += 1;
                }
                Ok(None) | Err(_) => {}
            }
        }
        Ok(report)
    }

    /// The catalog fingerprint of the last commit.
    fn indexed_fingerprint(&self) -> Option<u64> {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.parse::<u64>().ok())
    }

    /// Throws the index away and builds it again from `project` (`behov index`).
    pub fn rebuild(&mut self, project: &Project, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        if self.writer.is_none() {
            return Err(Error::ReadOnly);
        }
        // Release tantivy's writer lock before the folder goes.
        self.writer = None;
        (*self, _) = SearchIndex::rebuild_at(
            &self.root,
            Source::Project(project),
            Arc::new(Catalog::new(project)),
            progress,
        )?;
        Ok(())
    }

    /// Builds a new index beside the old one and swaps it in: a rebuild that fails half-way
    /// (a full disk) leaves the old index as it was.
    fn rebuild_at(
        root: &Path,
        source: Source,
        catalog: Arc<Catalog>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, usize)> {
        let dir = index_dir(root);
        let fresh = dir.with_extension("new");
        let old = dir.with_extension("old");
        for leftover in [&fresh, &old] {
            if leftover.exists() {
                fs::remove_dir_all(leftover).map_err(|e| store::Error::io(leftover, e))?;
            }
        }
        store::create_dir(&fresh)?;
        let built = (|| {
            let index = new_index(Some(&fresh))?;
            let answers = fill(&index, root, source, &catalog, progress)?;
            // The files were written just now: reading them all back to check their sums
            // would find nothing, and would cost a read of the whole index (at a million
            // answers, half a gigabyte resident at once).
            if let Some(version) = files_version(&fresh) {
                store::write_atomic(&fresh.join(CHECKED_FILE), version.as_bytes())?;
            }
            store::write_atomic(&fresh.join(VERSION_FILE), version_text().as_bytes())?;
            Ok::<_, Error>(answers)
        })();
        let answers = match built {
            Ok(answers) => answers,
            Err(e) => {
                let _ = fs::remove_dir_all(&fresh);
                return Err(e);
            }
        };
        if dir.exists() {
            fs::rename(&dir, &old).map_err(|e| store::Error::io(&dir, e))?;
        }
        fs::rename(&fresh, &dir).map_err(|e| store::Error::io(&dir, e))?;
        let _ = fs::remove_dir_all(&old);
        let index = open_existing(&dir).map_err(|reason| {
            let detail = match reason {
                Unusable::Missing => "it is missing".to_string(),
                Unusable::OtherVersion => "it is of another version".to_string(),
                Unusable::Damaged(detail) => detail,
            };
            Error::index(
                &dir,
                TantivyError::SystemError(format!("the rebuilt index cannot be opened: {detail}")),
            )
        })?;
        let writer = edit_writer(&index).map_err(|e| Error::index(root, e))?;
        Ok((
            SearchIndex::assemble(root, index, Some(writer), catalog)?,
            answers,
        ))
    }

    /// Builds the index anew from the interview files, never holding more than a batch of
    /// interviews in memory (`behov index`): `project` is the outline (`store::load_outline`),
    /// and the caller holds the project's lock. Returns the index and the answers indexed.
    pub fn rebuild_from_files(
        root: &Path,
        project: &Project,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(SearchIndex, usize)> {
        let ids = store::interview_ids(root)?;
        let catalog = Arc::new(Catalog::new(project));
        let (mut this, answers) =
            SearchIndex::rebuild_at(root, Source::Files(&ids), catalog, progress)?;
        this.release_writer()?;
        Ok((this, answers))
    }

    /// Commits what is staged and lets go of the writer, so that another behov opening the
    /// project can keep the index; searching goes on.
    pub fn release_writer(&mut self) -> Result<()> {
        self.commit()?;
        if let Some(writer) = self.writer.take() {
            writer
                .wait_merging_threads()
                .map_err(|e| Error::index(&self.root, e))?;
        }
        Ok(())
    }

    fn assemble(
        root: &Path,
        index: Index,
        writer: Option<IndexWriter>,
        catalog: Arc<Catalog>,
    ) -> Result<SearchIndex> {
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::index(root, e))?;
        let (_, fields) = schema::build();
        Ok(SearchIndex {
            root: root.to_path_buf(),
            handle: SearchHandle::new(reader, fields, Arc::new(RwLock::new(catalog.clone()))),
            index,
            writer,
            catalog,
            pending: false,
        })
    }

    /// Replaces the catalog: a light one made before its fingerprint was known.
    pub fn set_catalog(&mut self, catalog: Arc<Catalog>) {
        self.catalog = catalog.clone();
        self.handle.set_catalog(catalog);
    }

    /// What the index knows of the project besides the interviews (respondent names, codes).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// A cheap, cloneable handle for searching from any thread; it sees every commit.
    pub fn handle(&self) -> SearchHandle {
        self.handle.clone()
    }

    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Stages `interview` (after it was saved): its old documents go, its new ones come.
    /// Visible to searches after the next [`commit`](Self::commit).
    pub fn update_interview(&mut self, interview: &Interview) -> Result<()> {
        let stamp = file_stamp(&self.root, &interview.id);
        self.stage(interview, stamp)
    }

    fn stage(&mut self, interview: &Interview, stamp: u64) -> Result<()> {
        let fields = self.handle.fields;
        let writer = self.writer.as_mut().ok_or(Error::ReadOnly)?;
        writer.delete_term(Term::from_field_text(fields.interview, &interview.id));
        for doc in documents(&fields, &self.catalog, interview, stamp) {
            writer
                .add_document(doc)
                .map_err(|e| Error::index(&self.root, e))?;
        }
        self.pending = true;
        Ok(())
    }

    /// Stages the removal of an interview (after its file was deleted).
    pub fn remove_interview(&mut self, id: &str) -> Result<()> {
        let fields = self.handle.fields;
        let writer = self.writer.as_mut().ok_or(Error::ReadOnly)?;
        writer.delete_term(Term::from_field_text(fields.interview, id));
        self.pending = true;
        Ok(())
    }

    /// Takes in changes to respondents, attributes or the codebook. Interviews are indexed
    /// again only if something copied into their documents changed. Returns whether they were.
    pub fn update_project(&mut self, project: &Project) -> Result<bool> {
        let catalog = Arc::new(Catalog::new(project));
        let changed = catalog.fingerprint() != self.catalog.fingerprint();
        self.catalog = catalog.clone();
        self.handle.set_catalog(catalog);
        if changed && self.writer.is_some() {
            for interview in &project.interviews {
                self.update_interview(interview)?;
            }
        }
        Ok(changed && self.writer.is_some())
    }

    /// Whether staged changes wait for a commit.
    pub fn has_pending(&self) -> bool {
        self.pending
    }

    /// Makes staged changes durable and visible, then merges small segments. Does nothing
    /// when nothing is staged. Returns whether anything was committed.
    pub fn commit(&mut self) -> Result<bool> {
        if !self.pending {
            return Ok(false);
        }
        let root = self.root.clone();
        let fingerprint = self.catalog.fingerprint().to_string();
        let writer = self.writer.as_mut().ok_or(Error::ReadOnly)?;
        let mut prepared = writer
            .prepare_commit()
            .map_err(|e| Error::index(&root, e))?;
        prepared.set_payload(&fingerprint);
        prepared.commit().map_err(|e| Error::index(&root, e))?;
        self.pending = false;
        self.merge()?;
        self.handle
            .reload()
            .map_err(|e| Error::index(&root, e))
            .map(|_| true)
    }

    /// Merges segments while a size level is full (see `merge`).
    fn merge(&mut self) -> Result<()> {
        let root = self.root.clone();
        loop {
            let metas = self
                .index
                .searchable_segment_metas()
                .map_err(|e| Error::index(&root, e))?;
            let sizes: Vec<_> = metas.iter().map(|m| (m.id(), m.max_doc())).collect();
            let Some(chosen) = merge::plan(&sizes) else {
                return Ok(());
            };
            let writer = self.writer.as_mut().ok_or(Error::ReadOnly)?;
            writer
                .merge(&chosen)
                .wait()
                .map_err(|e| Error::index(&root, e))?;
        }
    }

    /// Number of segments searched now (tests and diagnostics).
    pub fn segment_count(&self) -> usize {
        self.handle.searcher().segment_readers().len()
    }

    /// Brings interviews changed outside behov into the index (writable only).
    fn sync(
        &mut self,
        project: &Project,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<OpenReport> {
        let indexed = self.indexed()?;
        let everything = self.indexed_fingerprint() != Some(self.catalog.fingerprint());
        let changed: Vec<(&Interview, u64)> = project
            .interviews
            .iter()
            .filter_map(|i| {
                let stamp = file_stamp(&self.root, &i.id);
                (everything || indexed.get(&i.id) != Some(&stamp)).then_some((i, stamp))
            })
            .collect();
        let total = changed.len();
        for (n, (interview, stamp)) in changed.into_iter().enumerate() {
            self.stage(interview, stamp)?;
            if n % 256 == 0 {
                progress(Progress { done: n, total });
            }
        }
        let mut removed = 0;
        let present: HashSet<&str> = project.interviews.iter().map(|i| i.id.as_str()).collect();
        for id in indexed.keys() {
            if !present.contains(id.as_str()) {
                self.remove_interview(id)?;
                removed += 1;
            }
        }
        if everything {
            self.pending = true;
        }
        self.commit()?;
        Ok(OpenReport {
            refreshed: total,
            removed,
            ..OpenReport::default()
        })
    }

    /// Interviews whose file differs from the indexed version, and indexed ones now gone.
    fn changed(&self, project: &Project) -> Result<Vec<String>> {
        let indexed = self.indexed()?;
        let mut changed: Vec<String> = project
            .interviews
            .iter()
            .filter(|i| indexed.get(&i.id) != Some(&file_stamp(&self.root, &i.id)))
            .map(|i| i.id.clone())
            .collect();
        let present: HashSet<&str> = project.interviews.iter().map(|i| i.id.as_str()).collect();
        changed.extend(
            indexed
                .keys()
                .filter(|id| !present.contains(id.as_str()))
                .cloned(),
        );
        Ok(changed)
    }

    /// Interview id → stamp of the file version in the index, from the state documents.
    fn indexed(&self) -> Result<HashMap<String, u64, FxBuild>> {
        let searcher = self.handle.searcher();
        read_states(&searcher, &self.handle.fields).map_err(|e| Error::index(&self.root, e))
    }

    /// Searches, with the same options as [`SearchHandle::search`].
    pub fn search(
        &self,
        query: &str,
        options: &super::SearchOptions,
    ) -> Result<super::SearchResults> {
        self.handle.search(query, options)
    }
}

fn read_states(
    searcher: &Searcher,
    fields: &Fields,
) -> tantivy::Result<HashMap<String, u64, FxBuild>> {
    let mut states = HashMap::default();
    let term = Term::from_field_text(fields.kind, KIND_STATE);
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.kind)?;
        let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let Some(ids) = segment.fast_fields().str("interview")? else {
            continue;
        };
        let stamps = segment.fast_fields().u64("stamp")?;
        let alive = segment.alive_bitset();
        // Ids are looked up in one sorted pass over the dictionary: one lookup per interview
        // would decode a dictionary block each, most of the cost at national scale.
        let mut found: Vec<(u64, u64)> = Vec::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc))
                && let (Some(ord), Some(stamp)) = (ids.term_ords(doc).next(), stamps.first(doc))
            {
                found.push((ord, stamp));
            }
            doc = postings.advance();
        }
        found.sort_unstable();
        let ords: Vec<u64> = found.iter().map(|&(ord, _)| ord).collect();
        let mut stamps = found.iter().map(|&(_, stamp)| stamp);
        ids.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(stamp) = stamps.next() {
                states.insert(String::from_utf8_lossy(bytes).into_owned(), stamp);
            }
        })?;
    }
    Ok(states)
}

/// Identifies one version of an interview file: size, modification time and inode (an atomic
/// save or a `git pull` writes a new inode). 0 when the file cannot be read.
pub fn file_stamp(root: &Path, id: &str) -> u64 {
    match store::Stamp::of(&interview_file(root, id)) {
        Ok(Some(stamp)) => stamp_number(&stamp),
        _ => 0,
    }
}

/// The number the index keeps of a file's stamp (see [`file_stamp`]).
fn stamp_number(stamp: &store::Stamp) -> u64 {
    let (len, (mtime, mtime_nsec), ino) = stamp.size_mtime_inode();
    let mut hash = Fnv::new();
    hash.u64(len);
    hash.u64(mtime as u64);
    hash.u64(mtime_nsec as u64);
    hash.u64(ino);
    hash.finish()
}

fn version_text() -> String {
    format!(
        "behov search index {SCHEMA_VERSION} (tantivy {})\n",
        tantivy::version_string()
    )
}

/// The index at `dir` if it can be trusted.
fn open_existing(dir: &Path) -> std::result::Result<Index, Unusable> {
    if !dir.join("meta.json").exists() {
        return Err(Unusable::Missing);
    }
    match fs::read_to_string(dir.join(VERSION_FILE)) {
        Ok(text) if text == version_text() => {}
        Ok(_) => return Err(Unusable::OtherVersion),
        // A rebuild writes the version file last: without it the rebuild never finished.
        Err(_) => {
            return Err(Unusable::Damaged(
                "an earlier rebuild did not finish".into(),
            ));
        }
    }
    let index = Index::open_in_dir(dir).map_err(|e| match e {
        TantivyError::IncompatibleIndex(_) => Unusable::OtherVersion,
        e => Unusable::Damaged(e.to_string()),
    })?;
    if index.schema() != schema::build().0 {
        return Err(Unusable::OtherVersion);
    }
    register_tokenizers(&index);
    // Reading every file to check its sum costs a third of a second at a million answers, too
    // much for every `behov search`: the sums are checked again only when a file of the index
    // was written, replaced, added or removed since they last passed (its stamps say so).
    let version = files_version(dir);
    let checked = fs::read_to_string(dir.join(CHECKED_FILE)).ok();
    if version.is_none() || checked != version {
        match index.validate_checksum() {
            Ok(damaged) if damaged.is_empty() => {}
            Ok(damaged) => {
                return Err(Unusable::Damaged(format!(
                    "{} files fail their checksum",
                    damaged.len()
                )));
            }
            Err(e) => return Err(Unusable::Damaged(e.to_string())),
        }
        if let Some(version) = version {
            // Best effort: a folder that cannot be written is checked again next time.
            let _ = store::write_atomic(&dir.join(CHECKED_FILE), version.as_bytes());
        }
    }
    index
        .load_metas()
        .map_err(|e| Unusable::Damaged(e.to_string()))?;
    Ok(index)
}

/// One number for the stamps of the index's own files (behov's marker files and tantivy's
/// lock files aside); `None` when the folder cannot be listed.
fn files_version(dir: &Path) -> Option<String> {
    let mut files: Vec<(String, u64)> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == VERSION_FILE || name == CHECKED_FILE {
                return None;
            }
            let stamp = store::Stamp::from_metadata(&entry.metadata().ok()?);
            Some((name, stamp.fingerprint()))
        })
        .collect();
    files.sort();
    let mut hash = Fnv::new();
    for (name, stamp) in &files {
        hash.str(name);
        hash.u64(*stamp);
    }
    Some(hash.finish().to_string())
}

fn new_index(dir: Option<&Path>) -> Result<Index> {
    let (schema, _) = schema::build();
    let builder = Index::builder().schema(schema);
    let index = match dir {
        Some(dir) => builder
            .create_in_dir(dir)
            .map_err(|e| Error::index(dir, e))?,
        None => builder
            .create_in_ram()
            .map_err(|e| Error::index(Path::new(INDEX_DIR), e))?,
    };
    register_tokenizers(&index);
    Ok(index)
}

fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    for (name, stream) in [
        (analyzer::MAIN, Stream::Main),
        (analyzer::FOLDED, Stream::Folded),
        (analyzer::PAIRS, Stream::Pairs),
        (analyzer::PARTS, Stream::Parts),
    ] {
        tokenizers.register(name, SwedishTokenizer::analyzer(stream));
    }
}

fn edit_writer(index: &Index) -> tantivy::Result<IndexWriter> {
    let writer: IndexWriter = index.writer_with_num_threads(1, EDIT_MEMORY)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(writer)
}

/// Where a rebuild reads the interviews: the project in memory, or their files (in batches
/// read on every core, so a national project is never in memory all at once).
#[derive(Clone, Copy)]
enum Source<'a> {
    Project(&'a Project),
    Files(&'a [String]),
}

/// Interview files read per batch when indexing from files: enough to keep both cores busy,
/// few enough that the batch costs a few megabytes.
const FILE_BATCH: usize = 64;

/// Indexes every interview into the empty `index` with all cores, then merges the result
/// into one segment, or one per core for a large index (see [`merge::final_groups`]). Returns the number of answers indexed.
fn fill(
    index: &Index,
    root: &Path,
    source: Source,
    catalog: &Catalog,
    progress: &mut dyn FnMut(Progress),
) -> Result<usize> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, threads * BULK_MEMORY_PER_THREAD)
        .map_err(|e| Error::index(root, e))?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let (_, fields) = schema::build();
    let mut answers = 0;
    let mut add = |interview: &Interview| -> Result<()> {
        answers += interview.answered();
        for doc in documents(&fields, catalog, interview, file_stamp(root, &interview.id)) {
            writer
                .add_document(doc)
                .map_err(|e| Error::index(root, e))?;
        }
        Ok(())
    };
    let total = match source {
        Source::Project(project) => project.interviews.len(),
        Source::Files(ids) => ids.len(),
    };
    match source {
        Source::Project(project) => {
            for (n, interview) in project.interviews.iter().enumerate() {
                if n % 256 == 0 {
                    progress(Progress { done: n, total });
                }
                add(interview)?;
            }
        }
        Source::Files(ids) => {
            for (n, batch) in ids.chunks(FILE_BATCH).enumerate() {
                if n % 4 == 0 {
                    progress(Progress {
                        done: n * FILE_BATCH,
                        total,
                    });
                }
                // An unreadable file is left out, as when the whole project is read.
                for interview in read_batch(root, batch, threads).into_iter().flatten() {
                    add(&interview)?;
                }
            }
        }
    }
    let mut prepared = writer.prepare_commit().map_err(|e| Error::index(root, e))?;
    prepared.set_payload(&catalog.fingerprint().to_string());
    prepared.commit().map_err(|e| Error::index(root, e))?;
    // The segments' metas are let go before the files are collected: tantivy keeps the files
    // of every segment whose meta is still held.
    let sizes: Vec<_> = index
        .searchable_segment_metas()
        .map_err(|e| Error::index(root, e))?
        .iter()
        .map(|m| (m.id(), m.max_doc()))
        .collect();
    // One merge at a time: a merge reads its segments through memory maps, which count as
    // resident memory, so two at once would double the peak for a few seconds saved.
    release_freed_memory();
    for group in merge::final_groups(&sizes, threads) {
        writer
            .merge(&group)
            .wait()
            .map_err(|e| Error::index(root, e))?;
    }
    // The merged segments' files go now rather than at the next edit: they are as large as
    // the index.
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| Error::index(root, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| Error::index(root, e))?;
    progress(Progress { done: total, total });
    Ok(answers)
}

/// Gives the indexing threads' freed buffers back to the system before the final merge, which
/// maps the segments it reads: glibc keeps what a thread freed in that thread's arena.
fn release_freed_memory() {
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only returns free heap pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Reads the interview files `ids` on `threads` threads, in order.
fn read_batch(root: &Path, ids: &[String], threads: usize) -> Vec<Option<Interview>> {
    let chunk = ids.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|id| store::read_interview(root, id).ok().flatten())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("reading does not panic"))
            .collect()
    })
}
