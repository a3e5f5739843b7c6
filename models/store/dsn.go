package store

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// DefaultBusyTimeout is how long a write waits for another writer before
// failing with models.ErrLocked.
const DefaultBusyTimeout = 2 * time.Second

// fileURI turns a path into an SQLite URI filename ("file:/a/b.gpkg"):
// absolute, forward slashes, a leading slash before a Windows drive letter,
// and %, ?, # and control bytes percent-encoded. Other bytes, UTF-8
// included, pass through as SQLite expects.
func fileURI(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if len(p) >= 2 && p[1] == ':' {
		p = "/" + p
	}
	var b strings.Builder
	b.WriteString("file:")
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' || c == '?' || c == '#' || c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

func busyMillis(d time.Duration) int64 {
	if d <= 0 {
		d = DefaultBusyTimeout
	}
	return d.Milliseconds()
}

// cacheKiB is the writer's page cache size.
var cacheKiB = 2000

// writerDSN is the one read-write connection: WAL, foreign keys, NORMAL
// sync (durable at checkpoints, never corrupt), a 64 MiB page cache so a
// large import does not spill pages mid-transaction, and BEGIN IMMEDIATE
// for every transaction so a second writer is told at once (after the busy
// timeout) rather than at its first write. pageSize > 0 sets the page size
// of a new file; modernc applies the _pragma list before the _journal_mode
// key, so it comes before the switch to WAL, as SQLite requires.
func writerDSN(uri string, busy time.Duration, pageSize int) string {
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=cache_size(-%d)&_pragma=mmap_size(%d)&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate",
		uri, busyMillis(busy), cacheKiB, readerMmap)
	if pageSize > 0 {
		dsn += fmt.Sprintf("&_pragma=page_size(%d)", pageSize)
	}
	return dsn
}

// readerDSN is a read-only connection. It changes nothing in the file: no
// journal mode, query_only. immutable is for read-only directories, where
// SQLite cannot create the WAL index: the file is then read as it is.
func readerDSN(uri string, busy time.Duration, immutable bool) string {
	dsn := fmt.Sprintf("%s?mode=ro&_pragma=busy_timeout(%d)&_pragma=query_only(1)&_pragma=mmap_size(%d)", uri, busyMillis(busy), readerMmap)
	if immutable {
		dsn += "&immutable=1"
	}
	return dsn
}

// readerMmap is how much of the file read connections map into memory
// instead of reading page by page through system calls.
var readerMmap int64 = 1 << 30

// readerConns is how many read connections a store keeps open: one per
// core, two to four. More only wait for each other inside SQLite, and
// spread the work over more page caches: on 2 cores the dashboard of the
// 10,000-mine benchmark project (a dozen reads at once) took 0.24 s on a
// past date with 4 connections and 0.19 s with 2.
var readerConns = max(2, min(4, runtime.GOMAXPROCS(0)))
