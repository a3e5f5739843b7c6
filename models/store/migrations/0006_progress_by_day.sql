-- Schema 6: every measure's running progress totals at the end of each day
-- it has entries (issue 5). The dashboard on a past date needs, for every
-- measure, the sum of its entries up to that date; summing them reads
-- every entry (a million in the benchmark project), while this table
-- answers with one seek per measure: its row with the latest date on or
-- before the one asked for. Kept by triggers on mr_progress, so another
-- program's edits keep it right too.
CREATE TABLE mr_progress_by_day (
	measure_id  INTEGER NOT NULL REFERENCES mr_measures (id) ON DELETE CASCADE,
	date        TEXT NOT NULL,
	area_ha     REAL NOT NULL,    -- entries dated on or before date
	volume_m3   REAL NOT NULL,
	entries     INTEGER NOT NULL,
	PRIMARY KEY (measure_id, date)
) WITHOUT ROWID;

-- Recomputed in full for the measure (date order, as summing would) by
-- deletes and edits, which are rare; inserts, the bulk of the work (a
-- district's spreadsheet, a package), add to the days from theirs on.
INSERT INTO mr_progress_by_day (measure_id, date, area_ha, volume_m3, entries)
	SELECT measure_id, date, sum(a) OVER w, sum(v) OVER w, sum(n) OVER w
	FROM (SELECT measure_id, date, total(area_ha) AS a, total(volume_m3) AS v, count(*) AS n
		FROM mr_progress GROUP BY measure_id, date)
	WINDOW w AS (PARTITION BY measure_id ORDER BY date);

CREATE TRIGGER mr_progress_by_day_insert AFTER INSERT ON mr_progress BEGIN
	INSERT OR IGNORE INTO mr_progress_by_day (measure_id, date, area_ha, volume_m3, entries)
		SELECT NEW.measure_id, NEW.date, total(area_ha), total(volume_m3), coalesce(sum(entries), 0)
		FROM (SELECT area_ha, volume_m3, entries FROM mr_progress_by_day
			WHERE measure_id = NEW.measure_id AND date < NEW.date ORDER BY date DESC LIMIT 1);
	UPDATE mr_progress_by_day SET area_ha = area_ha + NEW.area_ha, volume_m3 = volume_m3 + NEW.volume_m3, entries = entries + 1
		WHERE measure_id = NEW.measure_id AND date >= NEW.date;
END;
-- Not while the measure itself goes (its entries are deleted one by one
-- then, and recomputing after each would be quadratic; its days go with it).
CREATE TRIGGER mr_progress_by_day_delete AFTER DELETE ON mr_progress
WHEN EXISTS (SELECT 1 FROM mr_measures WHERE id = OLD.measure_id) BEGIN
	DELETE FROM mr_progress_by_day WHERE measure_id = OLD.measure_id;
	INSERT INTO mr_progress_by_day (measure_id, date, area_ha, volume_m3, entries)
		SELECT measure_id, date, sum(a) OVER w, sum(v) OVER w, sum(n) OVER w
		FROM (SELECT measure_id, date, total(area_ha) AS a, total(volume_m3) AS v, count(*) AS n
			FROM mr_progress WHERE measure_id = OLD.measure_id GROUP BY date)
		WINDOW w AS (ORDER BY date);
END;
CREATE TRIGGER mr_progress_by_day_update AFTER UPDATE OF measure_id, date, area_ha, volume_m3 ON mr_progress BEGIN
	DELETE FROM mr_progress_by_day WHERE measure_id IN (OLD.measure_id, NEW.measure_id);
	INSERT INTO mr_progress_by_day (measure_id, date, area_ha, volume_m3, entries)
		SELECT measure_id, date, sum(a) OVER w, sum(v) OVER w, sum(n) OVER w
		FROM (SELECT measure_id, date, total(area_ha) AS a, total(volume_m3) AS v, count(*) AS n
			FROM mr_progress WHERE measure_id IN (OLD.measure_id, NEW.measure_id) GROUP BY measure_id, date)
		WINDOW w AS (PARTITION BY measure_id ORDER BY date);
END;
