//! The ids of nodes and pages, and the vectors they index.
//!
//! A node id, a page id and a position in some list were all `usize` once,
//! and nothing kept one from being taken for another: `site.pages[node]`
//! compiled, and read a page that had nothing to do with the node. Each id
//! is now a type of its own, and a vector indexed by ids is an [`IdVec`],
//! which takes its own kind of id and nothing else — the model's pages and
//! nodes, and the vectors kept beside them, one entry per page (each
//! page's converted Markdown, its summary, the outputs that read it).
//!
//! Only the model turns an id into a position or a position into an id:
//! [`Id`], which does, cannot be named outside it (it is used here, and
//! where `Site::assemble` numbers the loaded nodes). Elsewhere an id comes
//! from the model ([`IdVec::ids`], a node's pages, a section's list) and
//! goes into an `IdVec` collected in the model's order: an `IdVec` made
//! from an iterator gives its first item the first id, so it is collected
//! from `ids()` or from another `IdVec` of the same kind of id.
//!
//! Ids are `u32`: a site has far fewer than four billion pages, and the
//! lists of ids the model and the render step keep (a section's pages, a
//! tag's, each page's neighbours) take half the room. Indexing costs what
//! indexing a `Vec` does.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use rayon::prelude::*;

/// A kind of id: a position in an [`IdVec`] of its own kind. Public in a
/// private module, so that only the model makes ids from numbers.
pub trait Id: Copy {
    fn from_index(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl Id for $name {
            fn from_index(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 2³² ids of a kind"))
            }

            fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id! {
    /// A node of the site: a folder of `content/`, with its page in each
    /// language. Index [`super::Site::nodes`] with it.
    NodeId
}

id! {
    /// A published page: one node in one language. Index
    /// [`super::Site::pages`] with it, and every [`IdVec`] kept beside it.
    /// Pages are numbered node by node, in the site's language order.
    PageId
}

/// How the ids of a kind moved when one item joined or left (a page or a
/// node, after a file was created, removed, or made a draft or published
/// in `praxis serve`). Ids are positions, so that a site patched after a
/// page joined numbers its pages exactly as a fresh build does: every
/// order that breaks ties by id (a section's list, a tag's pages, the
/// name a tag takes from its first page) stays the fresh build's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift<I> {
    /// An item came in at this id: those from it on moved one up.
    Inserted(I),
    /// The item at this id went: those after it moved one down.
    Removed(I),
    /// No id moved.
    None,
}

impl<I: Id + PartialOrd> Shift<I> {
    /// Where the item that was at `old` is now; `None` for the one removed.
    pub fn apply(self, old: I) -> Option<I> {
        match self {
            Shift::Inserted(at) if old >= at => Some(I::from_index(old.index() + 1)),
            Shift::Removed(at) if old == at => None,
            Shift::Removed(at) if old > at => Some(I::from_index(old.index() - 1)),
            _ => Some(old),
        }
    }

    /// Where the item now at `new` was before; `None` for the one inserted.
    pub fn undo(self, new: I) -> Option<I> {
        match self {
            Shift::Inserted(at) if new == at => None,
            Shift::Inserted(at) if new > at => Some(I::from_index(new.index() - 1)),
            Shift::Removed(at) if new >= at => Some(I::from_index(new.index() + 1)),
            _ => Some(new),
        }
    }

    /// Each of `ids` where it is now, dropping the one removed.
    pub fn apply_all(self, ids: &[I]) -> Vec<I> {
        ids.iter().filter_map(|&id| self.apply(id)).collect()
    }
}

/// A vector indexed by ids of kind `I` (and not by `usize`, nor by another
/// kind of id).
#[derive(Clone, PartialEq, Eq)]
pub struct IdVec<I, T> {
    items: Vec<T>,
    id: PhantomData<I>,
}

impl<I: Id, T> IdVec<I, T> {
    pub fn new() -> Self {
        Self::from_vec(Vec::new())
    }

    fn from_vec(items: Vec<T>) -> Self {
        IdVec {
            items,
            id: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds `item`, returning its id.
    pub fn push(&mut self, item: T) -> I {
        let id = I::from_index(self.items.len());
        self.items.push(item);
        id
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// Every id, in order. The iterator does not borrow the vector.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::from_index)
    }

    /// Every id, in order, for rayon.
    pub fn par_ids(&self) -> impl IndexedParallelIterator<Item = I> + use<I, T>
    where
        I: Send,
    {
        (0..self.items.len()).into_par_iter().map(I::from_index)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Puts `item` at `id`: the items from `id` on move one id up, as
    /// [`Shift::Inserted`] says.
    pub fn insert(&mut self, id: I, item: T) {
        self.items.insert(id.index(), item);
    }

    /// Takes out the item at `id`: the items after it move one id down,
    /// as [`Shift::Removed`] says.
    pub fn remove(&mut self, id: I) -> T {
        self.items.remove(id.index())
    }

    /// This vector after `shift`, each item taken from where it was: an
    /// item inserted is `new()`, an item removed is dropped.
    pub fn shifted(&self, shift: Shift<I>, new: impl FnOnce() -> T) -> Self
    where
        T: Clone,
    {
        let mut items = self.clone();
        match shift {
            Shift::Inserted(at) => items.insert(at, new()),
            Shift::Removed(at) => {
                items.remove(at);
            }
            Shift::None => {}
        }
        items
    }

    /// The id of the first item for which `before` does not hold, of
    /// items for which it holds first and then not (a binary search).
    pub fn partition_point_by(&self, before: impl FnMut(&T) -> bool) -> I {
        I::from_index(self.items.partition_point(before))
    }

    /// The ids from `first` on, in order.
    pub fn ids_from(&self, first: I) -> impl Iterator<Item = I> + use<I, T> {
        (first.index()..self.items.len()).map(I::from_index)
    }

    /// The id of the first item for which `found` holds.
    pub fn position(&self, found: impl FnMut(&T) -> bool) -> Option<I> {
        self.items.iter().position(found).map(I::from_index)
    }

    /// Every item with its id, in order.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| (I::from_index(i), item))
    }
}

impl<I: Id, T> Default for IdVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

/// The first item gets the first id, and so on.
impl<I: Id, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> Self {
        Self::from_vec(Vec::from_iter(items))
    }
}

/// Likewise: rayon collects in the iterator's order.
impl<I: Id, T: Send> FromParallelIterator<T> for IdVec<I, T> {
    fn from_par_iter<P: IntoParallelIterator<Item = T>>(items: P) -> Self {
        Self::from_vec(Vec::from_par_iter(items))
    }
}

impl<I: Id, T> IntoIterator for IdVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, I: Id, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_names_the_item_pushed_under_it() {
        let mut pages: IdVec<PageId, &str> = IdVec::new();
        let over = pages.push("over");
        let contact = pages.push("contact");
        assert_eq!((pages[over], pages[contact]), ("over", "contact"));
        assert_eq!(pages.ids().collect::<Vec<_>>(), [over, contact]);
        assert_eq!(
            pages.iter_enumerated().collect::<Vec<_>>(),
            [(over, &"over"), (contact, &"contact")]
        );
        assert!(over < contact);
    }

    #[test]
    fn a_shift_moves_the_ids_after_an_item_that_joined_or_left() {
        let pages: IdVec<PageId, &str> = ["a", "b", "d"].into_iter().collect();
        let ids: Vec<PageId> = pages.ids().collect();
        let at = ids[2];
        let joined = Shift::Inserted(at);
        let after = pages.shifted(joined, || "c");
        for &id in &ids {
            assert_eq!(after[joined.apply(id).unwrap()], pages[id]);
        }
        assert_eq!(after[at], "c");
        let left = Shift::Removed(ids[1]);
        let after = pages.shifted(left, || unreachable!());
        assert_eq!(left.apply(ids[1]), None);
        assert_eq!(left.apply_all(&ids), [ids[0], ids[1]]);
        assert_eq!(after[left.apply(ids[2]).unwrap()], "d");
        assert_eq!(Shift::None.apply(ids[2]), Some(ids[2]));
    }

    #[test]
    fn a_vector_beside_the_pages_is_indexed_by_their_ids() {
        let pages: IdVec<PageId, &str> = ["over", "contact"].into_iter().collect();
        let lengths: IdVec<PageId, usize> = pages.iter().map(|p| p.len()).collect();
        let par: IdVec<PageId, PageId> = pages.par_ids().collect();
        for id in pages.ids() {
            assert_eq!(lengths[id], pages[id].len());
            assert_eq!(par[id], id);
        }
    }
}
