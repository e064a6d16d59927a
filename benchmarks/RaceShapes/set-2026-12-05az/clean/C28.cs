using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace Blind52.Carillon.Tuning;

/// <summary>
/// Cents offset of each bell's strike note from equal temperament, as measured
/// by the bell founder.
/// </summary>
public sealed class TuningTable
{
    private readonly Dictionary<int, double> _centsByBell;

    private TuningTable(Dictionary<int, double> centsByBell) => _centsByBell = centsByBell;

    public int BellCount => _centsByBell.Count;

    public double CentsOffset(int bell) => _centsByBell.TryGetValue(bell, out var cents) ? cents : 0;

    public static TuningTable Load(string path)
    {
        var table = new Dictionary<int, double>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], out int bell))
            {
                table[bell] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return new TuningTable(table);
    }
}

/// <summary>
/// Provides the tuning table to the concert sequencer and the practice-room
/// app. Loaded on first use; <see cref="Invalidate"/> is called after the
/// bells are re-measured.
/// </summary>
public sealed class BellTuningProvider
{
    private readonly object _loadLock = new();
    private readonly string _path;
    private volatile TuningTable? _table;

    public BellTuningProvider(string path) => _path = path;

    public TuningTable Table
    {
        get
        {
            var table = _table;
            if (table is not null)
            {
                return table;
            }

            lock (_loadLock)
            {
                table = _table;
                if (table is null)
                {
                    table = TuningTable.Load(_path);
                    _table = table;
                }

                return table;
            }
        }
    }

    public void Invalidate() => _table = null;
}

/// <summary>
/// Renders the strike schedule for a piece; each voice is prepared in parallel.
/// </summary>
public sealed class ConcertSequencer
{
    private readonly BellTuningProvider _tuning;

    public ConcertSequencer(BellTuningProvider tuning) => _tuning = tuning;

    public double[][] PrepareVoices(int[][] voices)
    {
        var prepared = new double[voices.Length][];
        Parallel.For(0, voices.Length, v =>
        {
            var table = _tuning.Table;
            var pitches = new double[voices[v].Length];
            for (int i = 0; i < pitches.Length; i++)
            {
                int bell = voices[v][i];
                pitches[i] = 440.0 * Math.Pow(2, (bell - 69 + table.CentsOffset(bell) / 100.0) / 12.0);
            }

            prepared[v] = pitches;
        });

        return prepared;
    }
}
