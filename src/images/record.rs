//! What the cache remembers of each image file it has read: the file's length and
//! modification time, with its size, format and content key. A later build that finds
//! the file with the same length and time takes those from here and does not read the
//! file at all, so an unchanged site's images cost a `stat` each.
//!
//! The record is a convenience, never the truth: a missing, unreadable or foreign
//! record only means every image is read and hashed once more.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::image::{Format, Size};
use crate::files::Stamp;

/// Its name in the cache's copies folder, beside the copies (whose names start with a
/// hexadecimal key, so never with this).
const NAME: &str = "surveyed.json";

/// What a build found in one image file with that stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surveyed {
    pub stamp: Stamp,
    pub size: Option<Size>,
    pub format: Format,
    /// Its content's key in the cache, for an image with copies.
    pub key: String,
}

/// Every image file the last build that made copies read, by the path it read it at.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    files: HashMap<PathBuf, Surveyed>,
}

impl Record {
    /// The record in the copies folder `folder`, or an empty one.
    pub fn read(folder: &Path) -> Record {
        fs::read(folder.join(NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// What is known of the file at `path` while it still has `stamp`.
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<&Surveyed> {
        self.files.get(path).filter(|known| known.stamp == stamp)
    }

    pub fn insert(&mut self, path: PathBuf, surveyed: Surveyed) {
        self.files.insert(path, surveyed);
    }

    /// Writes the record whole into `folder` (which exists), replacing the one there.
    pub fn write(&self, folder: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        super::copies::write_whole(&folder.join(NAME), &json)
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    #[test]
    fn a_file_is_known_only_while_its_length_and_time_are_the_same() {
        let folder = tempfile::tempdir().unwrap();
        let stamp = Stamp {
            len: 1200,
            modified: SystemTime::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 5),
        };
        let surveyed = Surveyed {
            stamp,
            size: Some(Size {
                width: 1600,
                height: 900,
            }),
            format: Format::Png,
            key: "00ff-1200".to_string(),
        };
        let mut record = Record::default();
        record.insert(PathBuf::from("static/chart.png"), surveyed.clone());
        record.write(folder.path()).unwrap();
        let read = Record::read(folder.path());
        assert_eq!(read, record);
        let path = Path::new("static/chart.png");
        assert_eq!(read.get(path, stamp), Some(&surveyed));
        let touched = Stamp {
            modified: stamp.modified + std::time::Duration::from_nanos(1),
            ..stamp
        };
        assert_eq!(read.get(path, touched), None);
        assert_eq!(read.get(path, Stamp { len: 1201, ..stamp }), None);
        fs::write(folder.path().join(NAME), "not json").unwrap();
        assert_eq!(Record::read(folder.path()), Record::default());
    }
}
