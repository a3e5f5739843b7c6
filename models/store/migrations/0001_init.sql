-- Schema 1, after the Go step has created the GeoPackage core and the
-- feature tables (see migrate_0001.go).
--
-- The licence indexes also carry area_m2: matching re-imported mines by
-- licence uses the leading column, and Info's count(*) and total(area_m2)
-- read the small index instead of scanning every feature's geometry
-- (35 ms instead of 350-1000 ms on 500k mines).

CREATE TABLE mr_meta (
	key   TEXT PRIMARY KEY,
	value TEXT
);

CREATE INDEX mines_licence       ON mines (licence, area_m2);
CREATE INDEX sites_licence       ON sites (licence, area_m2);
CREATE INDEX fire_points_licence ON fire_points (licence, area_m2);
CREATE INDEX roads_licence       ON roads (licence, area_m2);
CREATE INDEX reference_licence   ON reference (licence, area_m2);
CREATE INDEX zones_licence       ON zones (licence, area_m2);
CREATE INDEX plan_units_licence  ON plan_units (licence, area_m2);
