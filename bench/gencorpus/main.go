// Command gencorpus writes N realistic postmortems (English and Japanese, about 5 KB each) for benchmarking
// pm lint; the documents are those of internal/gencorpus.
//
//	go run ./bench/gencorpus -n 10000 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pm-tools/pm/internal/gencorpus"
)

func main() {
	n := flag.Int("n", 1000, "number of postmortems to write")
	out := flag.String("out", "", "folder to write them to (created when missing)")
	seed := flag.Uint64("seed", 1, "seed: the same seed and n give the same files")
	mistakes := flag.Float64("mistakes", 0.1, "share of documents with a mistake pm lint reports")
	size := flag.Int("size", 5000, "approximate size of each document in bytes")
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -out DIR [-seed S] [-mistakes 0.1] [-size 5000]")
		os.Exit(2)
	}
	total, err := gencorpus.Write(*out, *n, *seed, *mistakes, *size)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
	avg := 0
	if *n > 0 {
		avg = total / *n
	}
	fmt.Fprintf(os.Stderr, "gencorpus: wrote %d postmortems (%d bytes on average) to %s\n", *n, avg, *out)
}
