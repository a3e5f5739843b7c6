package store
import ("testing";"time";"fmt";"path/filepath";"context";"os";"minerehab/models")
func TestZZ(t *testing.T){
 fs := synthetic(50000, 0.8, 0.6)
 for _, ps := range []int{4096} {
 for rep := 0; rep < 2; rep++ {
 p := filepath.Join(t.TempDir(), "a.gpkg")
 pageSize = ps
 t0 := time.Now(); c0 := processCPU()
 s, err := Create(p); if err != nil { t.Fatal(err) }
 t1 := time.Now(); c1 := processCPU()
 im, _ := s.Begin(context.Background())
 for _, f := range fs { if _, err := im.Put(f, models.KeySpec{Field:"licence"}); err != nil { t.Fatal(err) } }
 t2 := time.Now(); c2 := processCPU()
 if err := im.Commit(); err != nil { t.Fatal(err) }
 t3 := time.Now(); c3 := processCPU()
 st, _ := os.Stat(p+"-wal")
 var walSize int64; if st != nil { walSize = st.Size() }
 s.Close()
 t4 := time.Now(); c4 := processCPU()
 st2, _ := os.Stat(p)
 fmt.Printf("page %5d create %v/%v put %v/%v commit %v/%v close %v/%v  wal %dMB db %dMB\n", ps, t1.Sub(t0).Round(time.Millisecond), time.Duration(c1-c0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), time.Duration(c2-c1).Round(time.Millisecond), t3.Sub(t2).Round(time.Millisecond), time.Duration(c3-c2).Round(time.Millisecond), t4.Sub(t3).Round(time.Millisecond), time.Duration(c4-c3).Round(time.Millisecond), walSize>>20, st2.Size()>>20)
 }}
}
