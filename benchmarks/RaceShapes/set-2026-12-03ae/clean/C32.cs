namespace Blind31.PearlDivers.Harvest;

public sealed record OysterOpened(int DiveNumber, string Diver, double DepthMetres, bool PearlFound, double? PearlMm);

public sealed record HarvestSummary(int Opened, int Pearls, double LargestMm, IReadOnlyDictionary<string, int> PearlsByDiver);

/// <summary>
/// Builds the end-of-day harvest summary for the pearl farm from each boat's log file.
/// Parsing is done on worker threads; the merge happens once all boats are read.
/// </summary>
public sealed class HarvestLogReader
{
    private readonly Func<string, CancellationToken, Task<string[]>> _readLines;

    public HarvestLogReader(Func<string, CancellationToken, Task<string[]>> readLines)
    {
        _readLines = readLines;
    }

    public async Task<HarvestSummary> SummariseAsync(IEnumerable<string> boatLogs, CancellationToken ct)
    {
        var perBoat = await Task.WhenAll(boatLogs.Select(log => ParseBoatAsync(log, ct))).ConfigureAwait(false);

        var byDiver = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int opened = 0;
        int pearls = 0;
        double largest = 0;

        foreach (var boat in perBoat)
        {
            foreach (var oyster in boat)
            {
                opened++;
                if (!oyster.PearlFound)
                {
                    continue;
                }

                pearls++;
                largest = Math.Max(largest, oyster.PearlMm ?? 0);
                byDiver[oyster.Diver] = byDiver.TryGetValue(oyster.Diver, out var n) ? n + 1 : 1;
            }
        }

        return new HarvestSummary(opened, pearls, largest, byDiver);
    }

    private async Task<List<OysterOpened>> ParseBoatAsync(string logPath, CancellationToken ct)
    {
        string[] lines = await _readLines(logPath, ct).ConfigureAwait(false);

        return await Task.Run(() =>
        {
            var parsed = new List<OysterOpened>(lines.Length);
            foreach (var line in lines)
            {
                var parts = line.Split(';');
                if (parts.Length < 5 || !int.TryParse(parts[0], out int dive))
                {
                    continue;
                }

                bool found = parts[3] == "1";
                double? size = found && double.TryParse(parts[4], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var mm) ? mm : null;
                double.TryParse(parts[2], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var depth);

                parsed.Add(new OysterOpened(dive, parts[1], depth, found, size));
            }

            return parsed;
        }, ct).ConfigureAwait(false);
    }
}
