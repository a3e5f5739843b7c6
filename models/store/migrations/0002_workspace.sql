-- Schema 2: what the map workspace keeps in the project file (issue 3) and
-- the edit history (every edit is a command; its undo and redo are stored
-- so that undo still works after the project is closed and reopened).

-- One row per layer: how the map draws it. Absent rows use the defaults of
-- the program's symbology.
CREATE TABLE mr_layer_style (
	layer       TEXT PRIMARY KEY,
	visible     INTEGER NOT NULL DEFAULT 1,
	draw_order  INTEGER NOT NULL DEFAULT 0,   -- larger draws later (on top)
	opacity     REAL    NOT NULL DEFAULT 1 CHECK (opacity >= 0 AND opacity <= 1),
	fill        TEXT,                          -- #rrggbbaa, NULL = default
	stroke      TEXT,                          -- #rrggbbaa, NULL = default
	stroke_px   REAL,                          -- NULL = default
	label_field TEXT                           -- attribute labelled, NULL = default, '' = none
);

-- Per-project settings (last view, …): key -> JSON text.
CREATE TABLE mr_settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The edit history: one row per applied command. cmd is the command as JSON
-- (its kind and both states), so Revert and Apply can replay it later.
-- undone = 1 marks commands that were undone and may be redone; a new edit
-- deletes them (the redo branch is dropped, as in every editor).
CREATE TABLE mr_history (
	seq     INTEGER PRIMARY KEY AUTOINCREMENT,
	at      TEXT    NOT NULL,
	label   TEXT    NOT NULL,
	cmd     TEXT    NOT NULL,
	undone  INTEGER NOT NULL DEFAULT 0
);
