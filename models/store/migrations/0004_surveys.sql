-- Schema 4: Yellow River screenings and abandoned-mine field surveys (issue 7).
-- The surveys feature table itself (mr_surveys, a GeoPackage feature table
-- with its spatial index, so GIS programs show the surveyed sites) is
-- created by the Go step in migrate_0004.go before this file runs.

-- A saved screening: a named, dated result that can be re-run later. params
-- is the JSON of models.ScreenParams (river layers and names, distance,
-- screened layers); rivers lists the river features used, rivers_sha256
-- fingerprints their geometries so a later re-run can tell whether the
-- rivers themselves changed since.
CREATE TABLE mr_screenings (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
	created_at    TEXT    NOT NULL,
	distance_m    REAL    NOT NULL CHECK (distance_m > 0),
	params        TEXT    NOT NULL,
	rivers        TEXT    NOT NULL,
	rivers_sha256 TEXT    NOT NULL,
	hit_count     INTEGER NOT NULL
);

-- The hits of a saved screening, as they were: the feature may be edited
-- or deleted later, its licence and name here are those of the day.
CREATE TABLE mr_screening_hits (
	screening_id INTEGER NOT NULL REFERENCES mr_screenings (id) ON DELETE CASCADE,
	layer        TEXT    NOT NULL,
	fid          INTEGER NOT NULL,
	licence      TEXT,
	name         TEXT,
	kind         TEXT,
	district     TEXT,
	distance_m   REAL    NOT NULL CHECK (distance_m >= 0),
	PRIMARY KEY (screening_id, layer, fid)
) WITHOUT ROWID;

-- Photos of a survey: the image as stored (JPEG or PNG, downscaled when
-- larger than the limit), an optional original, a JPEG thumbnail, and what
-- EXIF said (time, position) when it said anything.
CREATE TABLE mr_survey_photos (
	uid        TEXT    PRIMARY KEY,
	survey_uid TEXT    NOT NULL REFERENCES mr_surveys (uid) ON DELETE CASCADE,
	file_name  TEXT    NOT NULL DEFAULT '',
	mime       TEXT    NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
	width      INTEGER NOT NULL CHECK (width > 0),
	height     INTEGER NOT NULL CHECK (height > 0),
	taken_at   TEXT,
	lon        REAL,
	lat        REAL,
	sha256     TEXT    NOT NULL,
	image      BLOB    NOT NULL,
	thumb      BLOB    NOT NULL,
	original   BLOB,
	added_at   TEXT    NOT NULL
);
CREATE INDEX mr_survey_photos_survey ON mr_survey_photos (survey_uid);

-- One row per survey package imported: where from, when, and the report
-- (JSON: added, updated, unchanged, conflicts).
CREATE TABLE mr_survey_imports (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	imported_at TEXT NOT NULL,
	package     TEXT NOT NULL,
	package_id  TEXT NOT NULL,
	report      TEXT NOT NULL
);

-- Conflicts waiting for the planner: both sides changed a survey since the
-- package was exported. theirs is the package's record (JSON); nothing is
-- overwritten until the planner decides.
CREATE TABLE mr_survey_conflicts (
	survey_uid  TEXT    PRIMARY KEY REFERENCES mr_surveys (uid) ON DELETE CASCADE,
	import_id   INTEGER NOT NULL REFERENCES mr_survey_imports (id),
	theirs      TEXT    NOT NULL
);
