package bench

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// clockTick is USER_HZ, the unit of /proc's CPU times: 100 on Linux for
// every architecture Go runs on.
const clockTick = 10 * time.Millisecond

// othersCPU is the CPU time the machine has been busy (user, nice, system,
// irq and softirq of every core, per /proc/stat) less this process's own
// (/proc/self/stat); -1 when either cannot be read.
func othersCPU() time.Duration {
	stat, err := os.ReadFile("/proc/stat")
	if err != nil {
		return -1
	}
	line, _, _ := bytes.Cut(stat, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 8 || string(f[0]) != "cpu" {
		return -1
	}
	var busy int64
	for _, i := range []int{1, 2, 3, 6, 7} { // user nice system (idle iowait) irq softirq
		n, err := strconv.ParseInt(string(f[i]), 10, 64)
		if err != nil {
			return -1
		}
		busy += n
	}
	self, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return -1
	}
	// after the command's name in parentheses: state is field 3, utime 14, stime 15
	_, rest, ok := bytes.Cut(self, []byte(") "))
	sf := bytes.Fields(rest)
	if !ok || len(sf) < 13 {
		return -1
	}
	for _, i := range []int{11, 12} {
		n, err := strconv.ParseInt(string(sf[i]), 10, 64)
		if err != nil {
			return -1
		}
		busy -= n
	}
	return time.Duration(busy) * clockTick
}
