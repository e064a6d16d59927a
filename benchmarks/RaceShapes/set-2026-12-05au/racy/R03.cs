using System.Collections.Generic;

namespace Blind47.RadioContest.Logging;

public sealed record Contact(string Callsign, string Band, string Mode, int SerialSent, int SerialReceived, DateTime Utc);

/// <summary>
/// Contest log for a multi-operator station. Each operating position posts
/// contacts as they are made; the log checker imports Cabrillo files from the
/// club's other stations in the background. Registered as a singleton.
/// </summary>
public sealed class ContestLogService
{
    private readonly List<Contact> _contacts = new();
    private readonly HashSet<string> _worked = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _importGate = new();
    private int _serial;

    private static string DupeKey(string call, string band, string mode) => $"{call}/{band}/{mode}";

    /// <summary>Logs a contact from an operating position. Returns false for a dupe.</summary>
    public bool LogContact(string callsign, string band, string mode, int serialReceived)
    {
        lock (_contacts)
        {
            if (!_worked.Add(DupeKey(callsign, band, mode)))
            {
                return false;
            }

            _serial++;
            _contacts.Add(new Contact(callsign.ToUpperInvariant(), band, mode, _serial, serialReceived, DateTime.UtcNow));
            return true;
        }
    }

    /// <summary>
    /// Merges contacts logged by a satellite station so the operators see them as dupes.
    /// </summary>
    public int ImportCabrillo(IEnumerable<string> lines)
    {
        var added = 0;
        lock (_importGate)
        {
            foreach (var line in lines)
            {
                if (!line.StartsWith("QSO:", StringComparison.Ordinal))
                {
                    continue;
                }

                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 9)
                {
                    continue;
                }

                var band = parts[1];
                var mode = parts[2];
                var call = parts[8];
                if (_worked.Add(DupeKey(call, band, mode)))
                {
                    added++;
                }
            }
        }

        return added;
    }

    public bool IsDupe(string callsign, string band, string mode)
    {
        lock (_contacts)
        {
            return _worked.Contains(DupeKey(callsign, band, mode));
        }
    }

    public IReadOnlyList<Contact> Snapshot()
    {
        lock (_contacts)
        {
            return _contacts.ToArray();
        }
    }
}
