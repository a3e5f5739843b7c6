package store
import ("testing";"time";"fmt";"path/filepath";"context";"minerehab/models")
func TestZZ(t *testing.T){
 fs := synthetic(50000, 0.8, 0.6)
 type cfg struct{ page, cache int; sorted, bulk, sql bool }
 cfgs := []cfg{{4096, 2000, false, true, false}, {4096, 2000, true, true, false}, {4096, 2000, false, true, true}, {4096, 2000, false, false, false}, {8192, 2000, true, true, false}, {4096, 8000, true, true, false}}
 best := map[cfg][4]int64{}
 for rep := 0; rep < 4; rep++ {
 for _, c := range cfgs {
 p := filepath.Join(t.TempDir(), "a.gpkg")
 pageSize, cacheKiB, rtreeSorted, bulkRTree, rtreeFillSQL = c.page, c.cache, c.sorted, c.bulk, c.sql
 s, err := Create(p); if err != nil { t.Fatal(err) }
 c1 := processCPU()
 im, _ := s.Begin(context.Background())
 for _, f := range fs { if _, err := im.Put(f, models.KeySpec{Field:"licence"}); err != nil { t.Fatal(err) } }
 c2 := processCPU()
 if err := im.Commit(); err != nil { t.Fatal(err) }
 c3 := processCPU()
 s.Close()
 c4 := processCPU()
 v := [4]int64{(c2-c1)/1e6, (c3-c2)/1e6, (c4-c3)/1e6, (c4-c1)/1e6}
 if b, ok := best[c]; !ok || v[3] < b[3] { best[c] = v }
 }}
 for _, c := range cfgs { fmt.Printf("%+v min cpu ms put/commit/close/total %v\n", c, best[c]) }
 _ = time.Now
}
