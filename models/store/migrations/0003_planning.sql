-- Schema 3: rehabilitation planning and green-mine progress (issue 5).
--
-- Every date is a Beijing local calendar date written YYYY-MM-DD (text
-- sorts as dates). Mines, zones, sites, fire points and plan-unit shapes
-- are referred to by their fid in the feature tables (mine_fid …): feature
-- tables are GeoPackage tables, so no SQL foreign keys point at them; the
-- planning tables among themselves do use foreign keys (ON DELETE CASCADE).
-- Rates are stored in parts per million so that ⌈rate × counted⌉ is exact.

-- Per-mine facts beyond the layer's attributes.
CREATE TABLE mr_mine_info (
	mine_fid      INTEGER PRIMARY KEY,
	owner         TEXT NOT NULL DEFAULT '',
	licence_from  TEXT,                 -- licence validity, NULL = unknown
	licence_to    TEXT,
	three_rights  INTEGER NOT NULL DEFAULT 0 CHECK (three_rights IN (0, 1)), -- 三权不变
	zone_fid      INTEGER,              -- the consolidation zone assigned by hand, NULL = by overlap
	note          TEXT NOT NULL DEFAULT ''
);

-- Dated production-status history.
CREATE TABLE mr_mine_status (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	mine_fid  INTEGER NOT NULL,
	date      TEXT NOT NULL,
	status    TEXT NOT NULL CHECK (status IN ('producing','suspended','construction','closed','abandoned')),
	note      TEXT NOT NULL DEFAULT '',
	UNIQUE (mine_fid, date, status)
);

-- Dated green-mine history.
CREATE TABLE mr_green (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	mine_fid  INTEGER NOT NULL,
	date      TEXT NOT NULL,
	state     TEXT NOT NULL CHECK (state IN ('building','applied','listed','rectifying','delisted')),
	level     TEXT NOT NULL DEFAULT '' CHECK (level IN ('','regional','national')),
	score     REAL CHECK (score IS NULL OR score >= 0),
	sheet     TEXT NOT NULL DEFAULT '',  -- scoring sheet id the score was given under
	note      TEXT NOT NULL DEFAULT '',
	UNIQUE (mine_fid, date, state)
);

-- First-level indicator scores of a green record's evaluation.
CREATE TABLE mr_green_scores (
	green_id   INTEGER NOT NULL REFERENCES mr_green (id) ON DELETE CASCADE,
	indicator  TEXT NOT NULL,
	score      REAL NOT NULL CHECK (score >= 0),
	PRIMARY KEY (green_id, indicator)
);

-- Scoring sheets kept in the project (in addition to the shipped ones):
-- the JSON of models.ScoringSheet.
CREATE TABLE mr_scoring_sheets (
	id    TEXT PRIMARY KEY,
	body  TEXT NOT NULL
);

-- Green-mine targets, editable; the policy's two by default.
CREATE TABLE mr_targets (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	date       TEXT NOT NULL,
	rate_ppm   INTEGER NOT NULL CHECK (rate_ppm > 0 AND rate_ppm <= 1000000),
	min_count  INTEGER NOT NULL DEFAULT 0 CHECK (min_count >= 0),
	label      TEXT NOT NULL DEFAULT ''
);
INSERT INTO mr_targets (date, rate_ppm, label) VALUES ('2023-12-31', 476000, '2023'), ('2025-12-31', 1000000, '2025');

-- Consolidation zones: membership share and milestones.
CREATE TABLE mr_zone_settings (
	zone_fid      INTEGER PRIMARY KEY,
	member_share  REAL NOT NULL CHECK (member_share > 0 AND member_share <= 1)
);
CREATE TABLE mr_zone_milestones (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	zone_fid  INTEGER NOT NULL,
	key       TEXT NOT NULL,
	due       TEXT NOT NULL,
	done      TEXT,
	note      TEXT NOT NULL DEFAULT '',
	UNIQUE (zone_fid, key)
);

-- Plan units, their measures and progress.
CREATE TABLE mr_plan_units (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	name       TEXT NOT NULL DEFAULT '',
	mine_fid   INTEGER,
	zone_fid   INTEGER,
	shape_fid  INTEGER,                 -- fid in plan_units, when drawn
	note       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE mr_measures (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	unit_id      INTEGER NOT NULL REFERENCES mr_plan_units (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('internal_dumping','backfill','regrading','soil_cover','revegetation',
	                   'repurposing','natural_recovery','fire','road_hardening','enclosure','other')),
	area_ha      REAL NOT NULL DEFAULT 0 CHECK (area_ha >= 0),
	volume_m3    REAL NOT NULL DEFAULT 0 CHECK (volume_m3 >= 0),
	budget_wan   REAL NOT NULL DEFAULT 0 CHECK (budget_wan >= 0),
	responsible  TEXT NOT NULL DEFAULT '',
	start        TEXT,
	end          TEXT,
	note         TEXT NOT NULL DEFAULT '',
	CHECK (start IS NULL OR end IS NULL OR end >= start)
);
CREATE INDEX mr_measures_unit ON mr_measures (unit_id);
CREATE TABLE mr_progress (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	measure_id  INTEGER NOT NULL REFERENCES mr_measures (id) ON DELETE CASCADE,
	date        TEXT NOT NULL,
	area_ha     REAL NOT NULL DEFAULT 0 CHECK (area_ha >= 0),
	volume_m3   REAL NOT NULL DEFAULT 0 CHECK (volume_m3 >= 0),
	note        TEXT NOT NULL DEFAULT ''
);
-- Covering: the totals per measure up to a date read the index only.
CREATE INDEX mr_progress_measure ON mr_progress (measure_id, date, area_ha, volume_m3);
-- Running totals per measure, kept by triggers, so that "where does every
-- measure stand today" reads one row per measure instead of every entry;
-- last_date tells when a past date needs the entries themselves.
CREATE TABLE mr_progress_totals (
	measure_id  INTEGER PRIMARY KEY REFERENCES mr_measures (id) ON DELETE CASCADE,
	area_ha     REAL NOT NULL DEFAULT 0,
	volume_m3   REAL NOT NULL DEFAULT 0,
	entries     INTEGER NOT NULL DEFAULT 0,
	last_date   TEXT
);
CREATE TRIGGER mr_progress_insert AFTER INSERT ON mr_progress BEGIN
	INSERT OR IGNORE INTO mr_progress_totals (measure_id) VALUES (NEW.measure_id);
	UPDATE mr_progress_totals SET area_ha = area_ha + NEW.area_ha, volume_m3 = volume_m3 + NEW.volume_m3,
		entries = entries + 1, last_date = max(coalesce(last_date, NEW.date), NEW.date) WHERE measure_id = NEW.measure_id;
END;
CREATE TRIGGER mr_progress_delete AFTER DELETE ON mr_progress BEGIN
	UPDATE mr_progress_totals SET area_ha = area_ha - OLD.area_ha, volume_m3 = volume_m3 - OLD.volume_m3, entries = entries - 1,
		last_date = (SELECT max(date) FROM mr_progress WHERE measure_id = OLD.measure_id) WHERE measure_id = OLD.measure_id;
END;
CREATE TRIGGER mr_progress_update AFTER UPDATE ON mr_progress BEGIN
	UPDATE mr_progress_totals SET area_ha = area_ha - OLD.area_ha, volume_m3 = volume_m3 - OLD.volume_m3, entries = entries - 1,
		last_date = (SELECT max(date) FROM mr_progress WHERE measure_id = OLD.measure_id) WHERE measure_id = OLD.measure_id;
	INSERT OR IGNORE INTO mr_progress_totals (measure_id) VALUES (NEW.measure_id);
	UPDATE mr_progress_totals SET area_ha = area_ha + NEW.area_ha, volume_m3 = volume_m3 + NEW.volume_m3, entries = entries + 1,
		last_date = (SELECT max(date) FROM mr_progress WHERE measure_id = NEW.measure_id) WHERE measure_id = NEW.measure_id;
END;

-- Photos of progress entries, stored in the project.
CREATE TABLE mr_photos (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	progress_id  INTEGER NOT NULL REFERENCES mr_progress (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	mime         TEXT NOT NULL DEFAULT '',
	data         BLOB NOT NULL
);
CREATE INDEX mr_photos_progress ON mr_photos (progress_id);

-- Pits and heaps: remaining area and volume over time, and reuse mode.
CREATE TABLE mr_site_remaining (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	site_fid   INTEGER NOT NULL,
	date       TEXT NOT NULL,
	area_ha    REAL NOT NULL CHECK (area_ha >= 0),
	volume_m3  REAL NOT NULL CHECK (volume_m3 >= 0),
	reuse      TEXT NOT NULL DEFAULT '' CHECK (reuse IN ('','regreening','repurposing','natural_recovery','waste_yard')),
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mr_site_remaining_site ON mr_site_remaining (site_fid, date);

-- Problem lists (问题清单).
CREATE TABLE mr_problems (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	mine_fid     INTEGER NOT NULL,
	found        TEXT NOT NULL,
	category     TEXT NOT NULL DEFAULT '',
	description  TEXT NOT NULL,
	deadline     TEXT,
	responsible  TEXT NOT NULL DEFAULT '',
	state        TEXT NOT NULL CHECK (state IN ('open','rectifying','closed')),
	closed       TEXT,
	evidence     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mr_problems_mine ON mr_problems (mine_fid);

-- Fire points' daily log.
CREATE TABLE mr_fire_log (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	point_fid  INTEGER NOT NULL,
	date       TEXT NOT NULL,
	state      TEXT NOT NULL CHECK (state IN ('burning','treating','extinguished','reignited')),
	note       TEXT NOT NULL DEFAULT '',
	UNIQUE (point_fid, date, state)
);
