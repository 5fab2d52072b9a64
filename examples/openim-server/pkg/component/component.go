// Package component holds what every example server shares: its name, its version and a
// tiny HTTP health endpoint, so each binary is small but real.
package component

import (
	"fmt"
	"net/http"
	"os"
	"runtime"
)

// Version is stamped at link time by the Makefile (-X); "dev" otherwise.
var Version = "dev"

// Main prints the component banner and, with "serve ADDR", answers /healthz on ADDR.
func Main(name string) {
	fmt.Printf("%s %s %s/%s\n", name, Version, runtime.GOOS, runtime.GOARCH)
	if len(os.Args) > 2 && os.Args[1] == "serve" {
		http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintf(w, "%s ok\n", name)
		})
		if err := http.ListenAndServe(os.Args[2], nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
