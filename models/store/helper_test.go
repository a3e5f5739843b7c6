package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The test binary runs as a helper process when helperEnv is set:
//
//	lock:PATH      holds BEGIN IMMEDIATE on PATH, prints "locked", waits for stdin to close
//	open:PATH      opens PATH read-write and prints the error code (or "ok")
//	openro:PATH    opens PATH with Options.ReadOnly, counts mines, prints "ok N" or the code
//	edit:PATH      renames mine 1 again and again, printing "saved N" after each edit lands, until killed
const helperEnv = "MINEREHAB_STORE_HELPER"

var bgctx = context.Background()

func runHelper(mode string) int {
	kind, path, _ := strings.Cut(mode, ":")
	switch kind {
	case "lock":
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
		if err != nil {
			fmt.Println(err)
			return 1
		}
		defer db.Close()
		conn, err := db.Conn(bgctx)
		if err != nil {
			fmt.Println(err)
			return 1
		}
		if _, err := conn.ExecContext(bgctx, "BEGIN IMMEDIATE"); err != nil {
			fmt.Println(err)
			return 1
		}
		fmt.Println("locked")
		io.Copy(io.Discard, os.Stdin)
		conn.ExecContext(bgctx, "ROLLBACK")
		return 0
	case "open", "openro":
		s, err := Open(path, Options{ReadOnly: kind == "openro"})
		if err != nil {
			fmt.Println(errorCode(err), err)
			return 0
		}
		defer s.Close()
		n, err := s.Count(bgctx, "mines", nil)
		if err != nil {
			fmt.Println(errorCode(err), err)
			return 0
		}
		fmt.Println("ok", n)
		return 0
	}
	if kind == "edit" {
		return editForever(path)
	}
	fmt.Println("unknown helper mode", mode)
	return 2
}

func errorCode(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	return "untyped"
}

// helper starts the test binary as a helper process.
func helper(t *testing.T, mode string, cred func(*exec.Cmd)) (*exec.Cmd, io.WriteCloser, *bufio.Reader) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode)
	if cred != nil {
		cred(cmd)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stdin, bufio.NewReader(stdout)
}

func itoa(n int) string { return fmt.Sprint(n) }

// openReport is the helper's report of one open, in this process.
func openReport(path string, opt Options) string {
	s, err := Open(path, opt)
	if err != nil {
		return errorCode(err) + " " + err.Error()
	}
	defer s.Close()
	n, err := s.Count(bgctx, "mines", nil)
	if err != nil {
		return errorCode(err) + " " + err.Error()
	}
	return "ok " + itoa(n)
}
