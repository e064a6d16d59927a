namespace Blind38.HarpMaking.Stringing;

public readonly record struct StringSpec(int Course, string Note, double VibratingLengthMm, double GaugeMm, string Material);

/// <summary>
/// Tension calculator used by the workshop's stringing-chart generator. The frequency
/// table and material densities are computed once and shared by every request.
/// </summary>
public static class StringTensionCalculator
{
    private static readonly Lazy<double[]> EqualTemperedFrequencies = new(BuildFrequencyTable, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly IReadOnlyDictionary<string, double> DensityKgPerM3 = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["nylon"] = 1140,
        ["gut"] = 1300,
        ["fluorocarbon"] = 1780,
        ["bronze-wound"] = 6200,
    };

    private static readonly string[] NoteNames = { "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B" };

    public static double FrequencyFor(string note)
    {
        // note like "A4" or "C#5"
        var octave = note[^1] - '0';
        var name = note[..^1];
        var semitone = Array.IndexOf(NoteNames, name);
        if (semitone < 0 || octave is < 0 or > 8)
        {
            throw new ArgumentException($"Unknown note {note}", nameof(note));
        }

        return EqualTemperedFrequencies.Value[octave * 12 + semitone];
    }

    /// <summary>Tension in newtons from Mersenne's law: T = (2Lf)^2 * mu.</summary>
    public static double TensionNewtons(StringSpec spec)
    {
        if (!DensityKgPerM3.TryGetValue(spec.Material, out var density))
        {
            throw new ArgumentException($"Unknown material {spec.Material}", nameof(spec));
        }

        var radiusM = spec.GaugeMm / 2000.0;
        var linearDensity = density * Math.PI * radiusM * radiusM;
        var lengthM = spec.VibratingLengthMm / 1000.0;
        var f = FrequencyFor(spec.Note);
        return Math.Pow(2 * lengthM * f, 2) * linearDensity;
    }

    public static IReadOnlyList<(StringSpec Spec, double TensionKg)> Chart(IEnumerable<StringSpec> specs) =>
        specs.AsParallel()
            .AsOrdered()
            .Select(s => (s, TensionNewtons(s) / 9.80665))
            .ToList();

    private static double[] BuildFrequencyTable()
    {
        var table = new double[9 * 12];
        for (var i = 0; i < table.Length; i++)
        {
            // MIDI note number for C0 is 12; A4 (MIDI 69) is 440 Hz.
            var midi = i + 12;
            table[i] = 440.0 * Math.Pow(2, (midi - 69) / 12.0);
        }

        return table;
    }
}
