using System.Collections.Generic;

namespace Blind47.RadioContest.Dupes;

public sealed record LoggedQso(string Callsign, string Band, string Mode, int Serial, DateTime Utc);

/// <summary>
/// Dupe sheet shared by every operating position at a field-day station, and by
/// the background job that merges logs from the station's other tents.
/// </summary>
public sealed class DupeSheet
{
    private readonly object _sync = new();
    private readonly HashSet<string> _worked = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<LoggedQso> _log = new();
    private int _serial;

    private static string Key(string call, string band, string mode) => string.Concat(call, "|", band, "|", mode);

    public LoggedQso? TryLog(string callsign, string band, string mode)
    {
        lock (_sync)
        {
            if (!_worked.Add(Key(callsign, band, mode)))
            {
                return null;
            }

            var qso = new LoggedQso(callsign.ToUpperInvariant(), band, mode, ++_serial, DateTime.UtcNow);
            _log.Add(qso);
            return qso;
        }
    }

    /// <summary>Merges contacts logged in another tent.</summary>
    public int Merge(IEnumerable<LoggedQso> remote)
    {
        var batch = remote.ToList();
        var added = 0;
        lock (_sync)
        {
            foreach (var qso in batch)
            {
                if (_worked.Add(Key(qso.Callsign, qso.Band, qso.Mode)))
                {
                    _log.Add(qso);
                    added++;
                }
            }
        }

        return added;
    }

    public bool IsDupe(string callsign, string band, string mode)
    {
        var key = Key(callsign, band, mode);
        lock (_sync)
        {
            return _worked.Contains(key);
        }
    }

    public IReadOnlyList<LoggedQso> Export()
    {
        lock (_sync)
        {
            return _log.OrderBy(q => q.Utc).ToList();
        }
    }

    public (int Contacts, int Serial) Totals()
    {
        lock (_sync)
        {
            return (_log.Count, _serial);
        }
    }
}

public sealed class TentMergeJob
{
    private readonly DupeSheet _sheet;
    private readonly Func<CancellationToken, Task<IReadOnlyList<LoggedQso>>> _fetchRemote;

    public TentMergeJob(DupeSheet sheet, Func<CancellationToken, Task<IReadOnlyList<LoggedQso>>> fetchRemote)
    {
        _sheet = sheet;
        _fetchRemote = fetchRemote;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var remote = await _fetchRemote(ct);
            _sheet.Merge(remote);
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        }
    }
}
