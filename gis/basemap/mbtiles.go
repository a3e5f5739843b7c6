package basemap

import (
	"context"
	"database/sql"
	"errors"
	"image"
	"io/fs"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// mbtilesSource is an MBTiles 1.x file: an SQLite database with a tiles
// table (or view) keyed by zoom_level, tile_column and tile_row (TMS order)
// and a metadata table of name/value pairs.
type mbtilesSource struct {
	info
	path string
	db   *sql.DB
	get  *sql.Stmt
}

// mbtilesDSN opens path read-only without touching it: no journal, no
// writes.
func mbtilesDSN(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String() + "?mode=ro&_pragma=query_only(1)&_pragma=busy_timeout(2000)"
}

func openMBTiles(path string) (_ Source, err error) {
	db, err := sql.Open("sqlite", mbtilesDSN(path))
	if err != nil {
		return nil, newError(CodeCorrupt, path, "%w", err)
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	db.SetMaxOpenConns(4)
	tables := map[string]bool{}
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type IN ('table','view')`)
	if err != nil {
		return nil, newError(CodeCorrupt, path, "reading the schema: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, newError(CodeCorrupt, path, "reading the schema: %w", err)
		}
		tables[strings.ToLower(n)] = true
	}
	if err := rows.Close(); err != nil {
		return nil, newError(CodeCorrupt, path, "reading the schema: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, newError(CodeCorrupt, path, "reading the schema: %w", err)
	}
	if !tables["tiles"] {
		what := "an SQLite database without a tiles table, not MBTiles"
		if tables["gpkg_contents"] {
			what = "a GeoPackage, not MBTiles (GeoPackage tile pyramids are not read as basemaps)"
		}
		return nil, newError(CodeUnknownFormat, path, "%s", what)
	}
	s := &mbtilesSource{path: path, db: db}
	s.name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	meta := map[string]string{}
	if tables["metadata"] {
		mr, err := db.Query(`SELECT name, value FROM metadata`)
		if err != nil {
			return nil, newError(CodeCorrupt, path, "reading metadata: %w", err)
		}
		for mr.Next() {
			var k, v sql.NullString
			if err := mr.Scan(&k, &v); err != nil {
				mr.Close()
				return nil, newError(CodeCorrupt, path, "reading metadata: %w", err)
			}
			meta[strings.ToLower(k.String)] = v.String
		}
		mr.Close()
		if err := mr.Err(); err != nil {
			return nil, newError(CodeCorrupt, path, "reading metadata: %w", err)
		}
	}
	if v := meta["name"]; v != "" {
		s.name = v
	}
	switch f := strings.ToLower(meta["format"]); f {
	case "", "png", "jpg", "jpeg":
	case "pbf", "mvt":
		return nil, newError(CodeUnsupported, path, "vector tiles (format %q); only raster tiles are drawn", f)
	case "webp":
		return nil, newError(CodeUnsupported, path, "WebP tiles; only PNG and JPEG tiles are drawn")
	default:
		return nil, newError(CodeUnsupported, path, "tile format %q; only PNG and JPEG tiles are drawn", f)
	}
	if v, ok := meta["bounds"]; ok {
		s.bound, s.hasBound = parseBounds(v)
	}
	// Zoom range: the metadata's when both are given, else the table's.
	lo, err1 := strconv.Atoi(strings.TrimSpace(meta["minzoom"]))
	hi, err2 := strconv.Atoi(strings.TrimSpace(meta["maxzoom"]))
	if err1 != nil || err2 != nil || lo > hi {
		var nlo, nhi sql.NullInt64
		if err := db.QueryRow(`SELECT min(zoom_level), max(zoom_level) FROM tiles`).Scan(&nlo, &nhi); err != nil {
			return nil, newError(CodeCorrupt, path, "reading the tiles table: %w", err)
		}
		if !nlo.Valid {
			return nil, newError(CodeCorrupt, path, "the tiles table is empty and metadata gives no zoom levels")
		}
		lo, hi = int(nlo.Int64), int(nhi.Int64)
	}
	s.minZ, s.maxZ = clampZooms(lo, hi)
	s.get, err = db.Prepare(`SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`)
	if err != nil {
		return nil, newError(CodeCorrupt, path, "the tiles table: %w", err)
	}
	// One tile tells the size and, without a format entry, the kind.
	var sample []byte
	err = db.QueryRow(`SELECT tile_data FROM tiles WHERE zoom_level = ? LIMIT 1`, s.minZ).Scan(&sample)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, newError(CodeCorrupt, path, "reading a tile: %w", err)
	default:
		switch k := tileKind(sample); k {
		case "gzip":
			return nil, newError(CodeUnsupported, path, "gzip-compressed tiles, most likely vector tiles (MVT); only raster tiles are drawn")
		case "webp", "avif":
			return nil, newError(CodeUnsupported, path, "%s tiles; only PNG and JPEG tiles are drawn", k)
		}
		s.tileSize = tileSizeOf(sample)
	}
	return s, nil
}

func (s *mbtilesSource) Tile(ctx context.Context, z, x, y int) (image.Image, error) {
	if s.closed.Load() {
		return nil, newError(CodeNotFound, s.path, "%w", fs.ErrClosed)
	}
	if !validTile(z, x, y) || z < s.minZ || z > s.maxZ {
		return nil, ErrNoTile
	}
	var b []byte
	err := s.get.QueryRowContext(ctx, z, x, (1<<z)-1-y).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoTile
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, newError(CodeCorrupt, s.path, "tile %s: %w", where(z, x, y), err)
	}
	if len(b) == 0 {
		return nil, ErrNoTile
	}
	return decodeTile(b, s.path, where(z, x, y))
}

func (s *mbtilesSource) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	tiles.purge(s)
	s.get.Close()
	return s.db.Close()
}
