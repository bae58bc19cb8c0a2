package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"jixiao/app/bench"
)

// scoringBenchmarks runs the domain's Go benchmarks and reads their lines:
// "BenchmarkX-2  N  ns/op  B/op  allocs/op  indicators/s".
func scoringBenchmarks(ctx context.Context, benchtime string) ([]bench.GoBench, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", benchtime, "./domain/scoring", "./domain/monitor")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test -bench: %w: %s%s", err, out.String(), errb.String())
	}
	var res []bench.GoBench
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		g := bench.GoBench{Name: f[0]}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				g.NsPerOp = v
			case "B/op":
				g.BytesPerOp = v
			case "allocs/op":
				g.AllocsPerOp = v
			case "indicators/s":
				g.IndicatorsPerSec = v
			}
		}
		res = append(res, g)
	}
	if len(res) == 0 {
		return nil, fmt.Errorf("no benchmark lines in: %s", out.String())
	}
	return res, nil
}
