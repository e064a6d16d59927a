using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace Blind59.OrganBuilders.Tuning;

public sealed class TemperamentOptions
{
    public double PitchA4 { get; set; } = 440.0;
    public string Name { get; set; } = "Equal";

    /// <summary>Deviation from equal temperament in cents, C through B.</summary>
    public List<double> CentsOffsets { get; set; } = new(new double[12]);
}

/// <summary>
/// Computes target frequencies for the tuning app used in the voicing room. The
/// temperament comes from configuration and can be switched while tuners are working.
/// Singleton, used by every tuner's tablet.
/// </summary>
public sealed class TemperamentCalculator : IDisposable
{
    private sealed record Snapshot(string Name, double PitchA4, ImmutableArray<double> Cents);

    private readonly IDisposable? _subscription;
    private Snapshot _snapshot;

    public TemperamentCalculator(IOptionsMonitor<TemperamentOptions> options)
    {
        _snapshot = Build(options.CurrentValue);
        _subscription = options.OnChange(o => Volatile.Write(ref _snapshot, Build(o)));
    }

    private static Snapshot Build(TemperamentOptions o)
    {
        var cents = o.CentsOffsets.Count == 12 ? o.CentsOffsets.ToImmutableArray() : ImmutableArray.Create(new double[12]);
        return new Snapshot(o.Name, o.PitchA4, cents);
    }

    public string CurrentTemperament => Volatile.Read(ref _snapshot).Name;

    /// <summary>Target frequency for a MIDI note number on a stop of the given footage.</summary>
    public double TargetHz(int midiNote, int footage = 8) => TargetHz(Volatile.Read(ref _snapshot), midiNote, footage);

    private static double TargetHz(Snapshot s, int midiNote, int footage)
    {
        int pitchClass = ((midiNote % 12) + 12) % 12;
        double equal = s.PitchA4 * Math.Pow(2, (midiNote - 69) / 12.0);
        double tempered = equal * Math.Pow(2, s.Cents[pitchClass] / 1200.0);
        return tempered * (8.0 / footage);
    }

    /// <summary>Beat rate between two notes sounded together, for checking fifths and thirds by ear.</summary>
    public double BeatsPerSecond(int lowerNote, int upperNote, int harmonicLower, int harmonicUpper)
    {
        var s = Volatile.Read(ref _snapshot);
        double lower = TargetHz(s, lowerNote, 8) * harmonicLower;
        double upper = TargetHz(s, upperNote, 8) * harmonicUpper;
        return Math.Abs(lower - upper);
    }

    public void Dispose() => _subscription?.Dispose();
}

public static class TuningEndpoint
{
    public static object Rank(TemperamentCalculator calc, int fromNote, int toNote, int footage) => new
    {
        temperament = calc.CurrentTemperament,
        notes = Enumerable.Range(fromNote, toNote - fromNote + 1)
            .Select(n => new { note = n, hz = Math.Round(calc.TargetHz(n, footage), 3) })
            .ToArray(),
    };
}
