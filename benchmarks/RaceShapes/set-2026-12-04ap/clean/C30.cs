using System.Collections.Concurrent;

namespace Blind42.ViolinMaking.Tonewood;

public sealed record TonewoodBillet(string Id, string Species, double DensityKgM3, double SpeedOfSoundMs);

public sealed record BilletGrade(string Id, string Grade, double RadiationRatio);

public interface ITapTestRig
{
    Task<TonewoodBillet> MeasureAsync(string billetId, CancellationToken cancellationToken);
}

/// <summary>
/// Grades a delivery of spruce and maple billets by tap-testing each one on the rigs.
/// </summary>
public sealed class TonewoodGrader
{
    private readonly ITapTestRig _rig;
    private readonly int _rigs;

    public TonewoodGrader(ITapTestRig rig, int rigs)
    {
        _rig = rig;
        _rigs = rigs;
    }

    public async Task<IReadOnlyList<BilletGrade>> GradeAsync(
        IEnumerable<string> billetIds,
        IProgress<BilletGrade>? progress,
        CancellationToken cancellationToken)
    {
        var grades = new ConcurrentBag<BilletGrade>();

        await Parallel.ForEachAsync(
            billetIds,
            new ParallelOptions { MaxDegreeOfParallelism = _rigs, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                var billet = await _rig.MeasureAsync(id, ct).ConfigureAwait(false);
                var grade = Grade(billet);
                grades.Add(grade);
                progress?.Report(grade);
            }).ConfigureAwait(false);

        return grades.OrderByDescending(g => g.RadiationRatio).ToList();
    }

    private static BilletGrade Grade(TonewoodBillet billet)
    {
        var ratio = billet.SpeedOfSoundMs / billet.DensityKgM3;
        var grade = ratio switch
        {
            >= 13 => "master",
            >= 11 => "AAA",
            >= 9 => "AA",
            _ => "workshop",
        };
        return new BilletGrade(billet.Id, grade, ratio);
    }
}

/// <summary>Progress sink for the grading console: tallies grades as they arrive.</summary>
public sealed class GradeTally : IProgress<BilletGrade>
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _byGrade = new();

    public void Report(BilletGrade value)
    {
        lock (_lock)
        {
            _byGrade[value.Grade] = _byGrade.GetValueOrDefault(value.Grade) + 1;
        }
    }

    public string Describe()
    {
        lock (_lock)
        {
            return string.Join(", ", _byGrade.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"));
        }
    }
}
