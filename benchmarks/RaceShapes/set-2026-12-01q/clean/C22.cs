namespace PoultryFarm.EggGrading
{
    public enum EggGrade
    {
        Reject,
        Small,
        Medium,
        Large,
        ExtraLarge,
    }

    public readonly record struct EggScan(long Sequence, double WeightGrams, bool ShellCrack, bool BloodSpot);

    public sealed class GradeTally
    {
        public int[] Counts { get; } = new int[Enum.GetValues<EggGrade>().Length];
        public double TotalWeightGrams { get; set; }
    }

    /// <summary>
    /// Grades a shift's worth of candling scans. Each conveyor lane is graded
    /// on its own task into its own tally; tallies are merged afterwards.
    /// </summary>
    public sealed class ShiftGrader
    {
        public async Task<GradeTally> GradeShiftAsync(IReadOnlyList<IReadOnlyList<EggScan>> lanes, CancellationToken ct)
        {
            var tallies = new GradeTally[lanes.Count];
            var tasks = new Task[lanes.Count];

            for (var lane = 0; lane < lanes.Count; lane++)
            {
                var index = lane;
                tasks[index] = Task.Run(() =>
                {
                    var tally = new GradeTally();
                    foreach (var scan in lanes[index])
                    {
                        ct.ThrowIfCancellationRequested();
                        var grade = Grade(scan);
                        tally.Counts[(int)grade]++;
                        if (grade != EggGrade.Reject)
                        {
                            tally.TotalWeightGrams += scan.WeightGrams;
                        }
                    }
                    tallies[index] = tally;
                }, ct);
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);

            var merged = new GradeTally();
            foreach (var t in tallies)
            {
                for (var g = 0; g < merged.Counts.Length; g++)
                {
                    merged.Counts[g] += t.Counts[g];
                }
                merged.TotalWeightGrams += t.TotalWeightGrams;
            }
            return merged;
        }

        public static EggGrade Grade(EggScan scan)
        {
            if (scan.ShellCrack || scan.BloodSpot)
            {
                return EggGrade.Reject;
            }

            return scan.WeightGrams switch
            {
                < 53 => EggGrade.Small,
                < 63 => EggGrade.Medium,
                < 73 => EggGrade.Large,
                _ => EggGrade.ExtraLarge,
            };
        }
    }

    public static class GradingReport
    {
        public static string Format(GradeTally tally)
        {
            var lines = Enum.GetValues<EggGrade>().Select(g => $"{g,-11} {tally.Counts[(int)g],8}");
            var packed = tally.Counts.Skip(1).Sum();
            return string.Join(Environment.NewLine, lines) + Environment.NewLine +
                   $"Packed weight: {tally.TotalWeightGrams / 1000:F1} kg over {packed} eggs";
        }
    }
}
