using System.Globalization;

namespace Blind54.PianoTuning.Temperament;

/// <summary>Offsets in cents for each pitch class under a historical temperament.</summary>
public sealed class TemperamentMap
{
    private readonly double[] _cents;

    private TemperamentMap(string name, double[] cents)
    {
        Name = name;
        _cents = cents;
    }

    public string Name { get; }

    public double OffsetFor(int pitchClass) => _cents[pitchClass % 12];

    public static TemperamentMap Load(string path)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
        var cents = new double[12];
        for (var i = 0; i < 12 && i < lines.Length; i++)
        {
            cents[i] = double.Parse(lines[i], CultureInfo.InvariantCulture);
        }

        return new TemperamentMap(Path.GetFileNameWithoutExtension(path), cents);
    }
}

/// <summary>
/// App-wide access to the temperament selected for historical instruments. Tuning sessions
/// read it constantly; the settings page resets it after the technician changes the file.
/// </summary>
public static class ActiveTemperament
{
    private const string MapPath = "profiles/temperament.txt";

    private static Lazy<TemperamentMap> _map = CreateLazy();

    public static TemperamentMap Current => Volatile.Read(ref _map).Value;

    public static void Reset() => Interlocked.Exchange(ref _map, CreateLazy());

    private static Lazy<TemperamentMap> CreateLazy() =>
        new(() => TemperamentMap.Load(MapPath), LazyThreadSafetyMode.ExecutionAndPublication);
}

public sealed class HistoricalTuningSession
{
    public double TargetHz(int key)
    {
        var map = ActiveTemperament.Current;
        var equal = 440.0 * Math.Pow(2, (key - 49) / 12.0);
        return equal * Math.Pow(2, map.OffsetFor(key + 8) / 1200.0);
    }

    public Task<double[]> TargetsAsync(int fromKey, int toKey) =>
        Task.Run(() => Enumerable.Range(fromKey, toKey - fromKey + 1).Select(TargetHz).ToArray());
}
