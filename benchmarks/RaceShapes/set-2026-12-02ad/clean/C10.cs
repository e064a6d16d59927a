namespace Blind30.OrganVoicing;

public sealed class TemperamentTable
{
    public TemperamentTable(string name, IReadOnlyDictionary<string, double> centsOffsets)
    {
        Name = name;
        CentsOffsets = centsOffsets;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, double> CentsOffsets { get; }

    public double FrequencyOf(string note, int octave, double a4 = 440.0)
    {
        int semitone = Array.IndexOf(Notes, note);
        int fromA4 = semitone - 9 + (octave - 4) * 12;
        double cents = CentsOffsets.TryGetValue(note, out var c) ? c : 0;
        return a4 * Math.Pow(2, (fromA4 * 100 + cents) / 1200.0);
    }

    internal static readonly string[] Notes = { "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B" };
}

/// <summary>
/// Supplies the historical temperament used when voicing pipes. Shared by the tuning
/// tablets; the table is computed on first request and then reused.
/// </summary>
public sealed class TemperamentProvider
{
    private readonly object _initLock = new();
    private readonly string _temperamentName;
    private volatile TemperamentTable? _table;

    public TemperamentProvider(string temperamentName)
    {
        _temperamentName = temperamentName;
    }

    public TemperamentTable Table
    {
        get
        {
            var table = _table;
            if (table != null)
            {
                return table;
            }

            lock (_initLock)
            {
                table = _table;
                if (table == null)
                {
                    table = Build(_temperamentName);
                    _table = table;
                }

                return table;
            }
        }
    }

    private static TemperamentTable Build(string name)
    {
        var offsets = new Dictionary<string, double>();
        switch (name)
        {
            case "Werckmeister III":
                double[] w = { 0, -9.8, -7.8, -5.9, -9.8, -2.0, -11.7, -3.9, -7.8, -11.7, -3.9, -7.8 };
                for (int i = 0; i < 12; i++)
                {
                    offsets[TemperamentTable.Notes[i]] = w[i];
                }
                break;
            case "Meantone":
                double[] m = { 10.3, -13.7, 3.4, 20.5, -3.4, 13.7, -10.3, 6.8, -17.1, 0, 17.1, -6.8 };
                for (int i = 0; i < 12; i++)
                {
                    offsets[TemperamentTable.Notes[i]] = m[i];
                }
                break;
        }

        return new TemperamentTable(name, offsets);
    }
}

/// <summary>Handles a voicer's "what pitch should this pipe be" request.</summary>
public sealed class PitchAdvisor
{
    private readonly TemperamentProvider _provider;

    public PitchAdvisor(TemperamentProvider provider) => _provider = provider;

    public Task<double> TargetPitchAsync(string note, int octave) =>
        Task.Run(() => _provider.Table.FrequencyOf(note, octave, 415.0));
}
