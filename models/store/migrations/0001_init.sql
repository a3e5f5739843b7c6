-- Schema 1, after the Go step has created the GeoPackage core and the
-- feature tables (see migrate_0001.go).

CREATE TABLE mr_meta (
	key   TEXT PRIMARY KEY,
	value TEXT
);

CREATE INDEX mines_licence       ON mines (licence);
CREATE INDEX sites_licence       ON sites (licence);
CREATE INDEX fire_points_licence ON fire_points (licence);
CREATE INDEX roads_licence       ON roads (licence);
CREATE INDEX reference_licence   ON reference (licence);
CREATE INDEX zones_licence       ON zones (licence);
CREATE INDEX plan_units_licence  ON plan_units (licence);
