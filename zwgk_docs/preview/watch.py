"""Noticing each save of the plan file at once.

The file system tells (inotify on Linux, FSEvents, ReadDirectoryChangesW) through watchfiles;
the plan's folder is watched rather than the file, so every way an editor saves (in place,
write-and-rename, delete-and-create) is seen. Any event in the folder makes the preview compare
the file's bytes, so events for other files cost a read of the plan and nothing else. A look at
the file every half second stays as a safety net for file systems that send no events (network
shares, WSL's /mnt/c), and plain polling when no watch can be set up (the system's limit of
watches reached).
"""

from __future__ import annotations

import threading

from .state import Preview

STEP_MS = 10  # after an event, wait this long for the rest of the save (truncate, then write)
DEBOUNCE_MS = 100  # rebuild after at most this long, even while events keep coming
SAFETY_POLL_MS = 500  # without events, look at the file anyway this often
POLL_SECONDS = 0.1  # plain polling, when the folder cannot be watched


def watch(preview: Preview, stop: threading.Event) -> threading.Thread:
    """Start the thread that rebuilds the preview whenever the plan file changes."""
    thread = threading.Thread(target=_watch, args=(preview, stop), name="zwgk-preview-watch", daemon=True)
    thread.start()
    return thread


def _watch(preview: Preview, stop: threading.Event) -> None:
    import watchfiles

    folder = preview.plan_path.resolve().parent
    try:
        for _ in watchfiles.watch(folder, watch_filter=None, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop,
                                  rust_timeout=SAFETY_POLL_MS, yield_on_timeout=True, recursive=False,
                                  raise_interrupt=False):
            preview.refresh()
    except (OSError, RuntimeError):  # no watch possible here: poll
        while not stop.wait(POLL_SECONDS):
            preview.refresh()
