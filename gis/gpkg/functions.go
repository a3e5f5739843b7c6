package gpkg

import (
	"database/sql/driver"
	"sync"

	"modernc.org/sqlite"
)

var (
	registerOnce sync.Once
	registerErr  error
)

// RegisterFunctions registers, once per process, the SQL functions that the
// R*Tree index triggers of the GeoPackage specification call: ST_MinX,
// ST_MaxX, ST_MinY, ST_MaxY and ST_IsEmpty, plus ST_SRID. Each reads the
// blob header through Envelope (the WKB only when the header has no
// envelope). Like GDAL's, they return NULL for NULL or undecodable
// arguments, so a bad blob is simply left out of the index. The functions
// are available on connections the "sqlite" driver opens after the call.
func RegisterFunctions() error {
	registerOnce.Do(func() {
		fns := []struct {
			name string
			fn   func([]byte) (driver.Value, bool)
		}{
			{"ST_MinX", envelopeField(0)},
			{"ST_MaxX", envelopeField(1)},
			{"ST_MinY", envelopeField(2)},
			{"ST_MaxY", envelopeField(3)},
			{"ST_IsEmpty", func(b []byte) (driver.Value, bool) {
				_, _, _, _, empty, err := Envelope(b)
				if err != nil {
					return nil, false
				}
				if empty {
					return int64(1), true
				}
				return int64(0), true
			}},
			{"ST_SRID", func(b []byte) (driver.Value, bool) {
				srs, err := SRSID(b)
				if err != nil {
					return nil, false
				}
				return int64(srs), true
			}},
		}
		for _, f := range fns {
			fn := f.fn
			err := sqlite.RegisterFunction(f.name, &sqlite.FunctionImpl{
				NArgs:         1,
				Deterministic: true,
				// The blob is only read during the call, never kept, so a
				// zero-copy view is safe and saves a copy per row.
				VolatileArgs: true,
				Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
					b, ok := args[0].([]byte)
					if !ok {
						return nil, nil
					}
					v, ok := fn(b)
					if !ok {
						return nil, nil
					}
					return v, nil
				},
			})
			if err != nil {
				registerErr = err
				return
			}
		}
	})
	return registerErr
}

// envelopeField returns a function reading one of minx, maxx, miny, maxy.
func envelopeField(i int) func([]byte) (driver.Value, bool) {
	return func(b []byte) (driver.Value, bool) {
		minx, maxx, miny, maxy, empty, err := Envelope(b)
		if err != nil || empty {
			return nil, false
		}
		return [4]float64{minx, maxx, miny, maxy}[i], true
	}
}
