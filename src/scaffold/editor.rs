//! `brief new --edit`: open the new file in the writer's editor and wait for it.

use std::path::Path;
use std::process::Command;

use crate::error::Error;

/// Runs `editor` (the value of $VISUAL or $EDITOR, which may carry arguments, as in
/// `code --wait`) on `path`.
pub fn open_in_editor(path: &Path, editor: Option<&str>) -> Result<(), Error> {
    let command = editor
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Error::NoEditor {
            path: path.to_path_buf(),
        })?;
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or(command);
    let failed = |reason: String| Error::EditorFailed {
        command: command.to_string(),
        reason,
    };
    let status = Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| failed(e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(format!("it exited with {status}")))
    }
}
