-- Schema 5: a change token per feature layer, for render caches (issue 3).
-- Every insert, update or delete of a layer's rows gives the layer a new
-- random token, in the same transaction, through the triggers that
-- migrate_0005.go creates on each feature table (plain SQL, so they also
-- fire when another program, QGIS or GDAL, edits the file). A cache of a
-- layer made from the rows read between two equal readings of its token
-- is valid as long as the token stays the same; the cache itself lives
-- outside the file, so it can never make a project invalid.
CREATE TABLE mr_layer_tokens (
	layer TEXT PRIMARY KEY,
	token BLOB NOT NULL
) WITHOUT ROWID;
