using System.Collections.Concurrent;

namespace Blind34.ModelRailway.Timetable;

public sealed record TrainMovement(string Loco, string Station, TimeSpan Arrival);

/// <summary>
/// Builds the running order for a club operating session: the layout log
/// parser produces movements and a consumer groups them by station.
/// </summary>
public sealed class SessionTimetableBuilder
{
    public async Task<IReadOnlyDictionary<string, List<TrainMovement>>> BuildAsync(IEnumerable<string> logLines)
    {
        using var queue = new BlockingCollection<TrainMovement>(boundedCapacity: 256);
        var byStation = new Dictionary<string, List<TrainMovement>>(StringComparer.OrdinalIgnoreCase);
        var rejected = 0;

        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var line in logLines)
                {
                    var parts = line.Split('|');
                    if (parts.Length == 3 && TimeSpan.TryParse(parts[2], out var at))
                    {
                        queue.Add(new TrainMovement(parts[0], parts[1], at));
                    }
                    else
                    {
                        rejected++;
                    }
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });

        var consumer = Task.Factory.StartNew(() =>
        {
            foreach (var move in queue.GetConsumingEnumerable())
            {
                if (!byStation.TryGetValue(move.Station, out var list))
                {
                    byStation[move.Station] = list = new List<TrainMovement>();
                }

                list.Add(move);
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(producer, consumer).ConfigureAwait(false);

        foreach (var list in byStation.Values)
        {
            list.Sort((a, b) => a.Arrival.CompareTo(b.Arrival));
        }

        if (rejected > 0)
        {
            Console.Error.WriteLine($"{rejected} log lines could not be read.");
        }

        return byStation;
    }
}
