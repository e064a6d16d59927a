using System.Globalization;

namespace Blind54.PianoTuning.Pitch;

/// <summary>Reference frequencies for all 88 keys under one tuning profile.</summary>
public sealed class PitchTable
{
    private readonly double[] _hz;

    private PitchTable(double[] hz) => _hz = hz;

    public double FrequencyOf(int key) => _hz[key - 1];

    public static PitchTable Load(string path)
    {
        var concertA = 440.0;
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            concertA = double.Parse(text, CultureInfo.InvariantCulture);
        }

        var hz = new double[88];
        for (var key = 1; key <= 88; key++)
        {
            hz[key - 1] = concertA * Math.Pow(2, (key - 49) / 12.0);
        }

        return new PitchTable(hz);
    }
}

/// <summary>
/// Process-wide access to the pitch table of the tuning profile chosen in the app settings.
/// Every tuning session reads <see cref="Current"/> many times per second while analysing
/// the microphone input; the settings page calls <see cref="Reset"/> after the technician
/// picks another concert pitch.
/// </summary>
public static class ReferencePitch
{
    private const string ProfilePath = "profiles/concert-pitch.txt";
    private static PitchTable? _current;

    public static PitchTable Current
    {
        get
        {
            if (_current == null)
            {
                _current = PitchTable.Load(ProfilePath);
            }

            return _current;
        }
    }

    public static void Reset() => _current = null;
}

/// <summary>Analyses one block of microphone samples against the reference.</summary>
public sealed class TuningSession
{
    private readonly int _key;

    public TuningSession(int key) => _key = key;

    public double CentsOff(double measuredHz)
    {
        var target = ReferencePitch.Current.FrequencyOf(_key);
        return 1200 * Math.Log2(measuredHz / target);
    }

    public Task<double[]> AnalyseAsync(IReadOnlyList<double> measurements) =>
        Task.Run(() => measurements.Select(CentsOff).ToArray());
}
