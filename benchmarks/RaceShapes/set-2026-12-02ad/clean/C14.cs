namespace Blind30.ShearingShed;

public sealed record WoolClip(string Shearer, string Mob, double GreasyKg, double MicronAverage, bool Stained);

public sealed record ShearerPay(string Shearer, int Fleeces, double GreasyKg, decimal Pay);

/// <summary>
/// Works out each shearer's pay from the wool clip at the end of a shed day.
/// </summary>
public static class ShedPayCalculator
{
    public static IReadOnlyList<ShearerPay> Calculate(IEnumerable<WoolClip> clips, decimal ratePerHundred, decimal stainedPenalty)
    {
        return clips
            .AsParallel()
            .GroupBy(c => c.Shearer, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                int fleeces = g.Count();
                double kg = g.Sum(c => c.GreasyKg);
                int stained = g.Count(c => c.Stained);
                decimal pay = fleeces * ratePerHundred / 100m - stained * stainedPenalty;
                return new ShearerPay(g.Key, fleeces, kg, Math.Max(0, pay));
            })
            .OrderByDescending(p => p.Fleeces)
            .ToList();
    }

    public static IReadOnlyDictionary<string, double> AverageMicronByMob(IEnumerable<WoolClip> clips) =>
        clips.AsParallel()
            .Where(c => !c.Stained)
            .GroupBy(c => c.Mob)
            .ToDictionary(g => g.Key, g => g.Average(c => c.MicronAverage));
}

/// <summary>Command-line tool run by the shed manager after the last run of the day.</summary>
public static class ShedDayCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length < 1)
        {
            output.WriteLine("usage: shedday <clip.csv> [rate-per-hundred]");
            return 2;
        }

        decimal rate = args.Length > 1 ? decimal.Parse(args[1]) : 340m;
        var clips = File.ReadLines(args[0])
            .Skip(1)
            .Select(l => l.Split(','))
            .Where(p => p.Length == 5)
            .Select(p => new WoolClip(p[0], p[1], double.Parse(p[2]), double.Parse(p[3]), p[4] == "1"))
            .ToList();

        foreach (var pay in ShedPayCalculator.Calculate(clips, rate, 0.50m))
        {
            output.WriteLine($"{pay.Shearer,-14} {pay.Fleeces,4} fleeces {pay.GreasyKg,8:F1} kg {pay.Pay,9:C}");
        }

        foreach (var (mob, micron) in ShedPayCalculator.AverageMicronByMob(clips))
        {
            output.WriteLine($"mob {mob}: {micron:F1} micron");
        }

        return 0;
    }
}
