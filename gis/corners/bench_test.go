package corners

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse reads a file of 1000 parcels of 50 corners each.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=36\n[地块坐标]\n")
	for p := 0; p < 1000; p++ {
		fmt.Fprintf(&sb, "51,1.0,%d,地块%d,面,,,,@\n", p, p)
		for i := 0; i <= 50; i++ {
			k := i % 50
			fmt.Fprintf(&sb, "J%d,1,%.3f,%.3f\n", k+1, 4393000+float64(p)*10+float64(k%2)*5, 36399000+float64(k)*3.5)
		}
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGarbage: a megabyte of binary bytes must fail fast.
func BenchmarkParseGarbage(b *testing.B) {
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i*7919 + i>>8)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, Options{}); err == nil {
			b.Fatal("garbage parsed")
		}
	}
}
