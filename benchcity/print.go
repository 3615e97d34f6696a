package benchcity

import (
	"fmt"
	"io"
	"time"
)

// Targets of issue #7: hedui within three times the floor, under 2 GiB.
const (
	TargetRatio   = 3.0
	TargetPeakRSS = 2 << 30
)

// Print writes one run's figures.
func (r Report) Print(w io.Writer) {
	sec := func(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }
	fmt.Fprintf(w, "\n== %s：%d户，%d人，部门反馈%d行 ==\n", r.Engine, r.Households, r.People, r.AnswerRows)
	// Figures first: Chinese labels are two columns wide per character,
	// which %-Ns padding does not know.
	for _, s := range r.Steps {
		fmt.Fprintf(w, "  %10s  %s\n", sec(s.Time), s.Name)
	}
	fmt.Fprintf(w, "  %10s  hedui 合计（%d户已评估，%d户进入预警名单）\n", sec(r.Hedui()), r.Evaluated, r.Warnings)
	wt := r.Workers
	fmt.Fprintf(w, "  %10s  各工作线程合计：领取 %s，读取 %s，模拟部门作答 %s，保存 %s\n", "", sec(wt.Claim), sec(wt.Input),
		sec(wt.Departments), sec(wt.Save))
	fmt.Fprintf(w, "  %10s  纯SQL下限（批量载入 %s，JOIN + GROUP BY %s）\n", sec(r.Floor.Total()),
		sec(r.Floor.Load), sec(r.Floor.Match))
	fmt.Fprintf(w, "  %10.2f  比值 hedui ÷ 下限（目标 ≤ %.0f：%s）\n", r.Ratio(), TargetRatio, met(r.Ratio() <= TargetRatio))
	fmt.Fprintf(w, "  %10s  峰值内存 VmHWM（目标 < 2 GiB：%s）\n", mib(r.PeakRSS), met(r.PeakRSS < TargetPeakRSS))
	fmt.Fprintf(w, "  %10s  生成城市和下限文件（不计入比值）\n", sec(r.Generate))
}

// PrintScaling compares runs of different sizes on one engine: time per
// household should stay the same if time grows linearly.
func PrintScaling(w io.Writer, reps []Report) {
	if len(reps) < 2 {
		return
	}
	fmt.Fprintf(w, "\n== %s 线性检验 ==\n", reps[0].Engine)
	base := reps[0]
	for _, r := range reps {
		perK := r.Hedui().Seconds() / float64(r.People) * 1000
		fmt.Fprintf(w, "  %7d人  hedui %7.1f s  每千人 %.3f s  下限 %6.1f s  比值 %.2f",
			r.People, r.Hedui().Seconds(), perK, r.Floor.Total().Seconds(), r.Ratio())
		if r.People != base.People {
			grow := r.Hedui().Seconds() / base.Hedui().Seconds()
			size := float64(r.People) / float64(base.People)
			fmt.Fprintf(w, "  （人数 ×%.1f，时间 ×%.1f）", size, grow)
		}
		fmt.Fprintln(w)
	}
}

func met(ok bool) string {
	if ok {
		return "达到"
	}
	return "未达到"
}

func mib(b int64) string { return fmt.Sprintf("%d MiB", b>>20) }
